import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { EXAMPLE_TIME } from '../../../../core/openapi/api-formats';
import type { ProductStockResponse, StockPullResponse } from './stock.dto';

export const PRODUCT_STOCK_EXAMPLE: ProductStockResponse = {
  quantity: 128.5,
  syncedAt: EXAMPLE_TIME,
  source: '金蝶云星空（生产）',
  erpKind: 'k3cloud',
  ageSeconds: 420,
};

export const STOCK_PULL_EXAMPLE: StockPullResponse = {
  connectionId: EXAMPLE_IDS.erpConnection,
  source: '金蝶云星空（生产）',
  erpKind: 'k3cloud',
  asked: 1240,
  pulled: 1236,
  unreported: 4,
  unreportedSkus: ['BRG-6205-OLD', 'SEL-OR-NBR-12X2', 'VLV-DEMO-1', 'VLV-DEMO-2'],
  syncedAt: EXAMPLE_TIME,
};
