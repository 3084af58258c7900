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
  connectionId: '7d1f0c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
  source: '金蝶云星空（生产）',
  erpKind: 'k3cloud',
  asked: 1240,
  pulled: 1236,
  unreported: 4,
  unreportedSkus: ['BRG-6205-OLD', 'SEL-OR-NBR-12X2', 'VLV-DEMO-1', 'VLV-DEMO-2'],
  syncedAt: EXAMPLE_TIME,
};
