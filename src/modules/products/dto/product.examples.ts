import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CreateProductDto, ProductPage, ProductResponse, UpdateProductDto } from './product.dto';

export const CREATE_PRODUCT_EXAMPLE: CreateProductDto = {
  sku: 'BRG-6205-2RS',
  name: '深沟球轴承 6205-2RS（双面胶封）',
  unit: '个',
  listPrice: '42.00',
  cost: '30.00',
  taxRatePct: 13,
  category: '轴承',
};

/** Without its own margin: the setting's 12.5 % gives the floor 30.00 / 0.875 = 34.29. */
export const PRODUCT_EXAMPLE: ProductResponse = {
  id: EXAMPLE_IDS.product,
  sku: 'BRG-6205-2RS',
  name: '深沟球轴承 6205-2RS（双面胶封）',
  unit: '个',
  listPrice: '42.00',
  cost: '30.00',
  taxRatePct: 13,
  category: '轴承',
  minMarginPct: null,
  effectiveMinMarginPct: 12.5,
  floorPrice: '34.29',
  createdAt: '2026-11-25T08:00:00.000Z',
  updatedAt: '2026-11-25T08:00:00.000Z',
  version: 1,
};

export const UPDATE_PRODUCT_EXAMPLE: UpdateProductDto = { cost: '31.50', minMarginPct: 15 };

/** 31.50 / 0.85 = 37.0588… → 37.06. */
export const UPDATED_PRODUCT_EXAMPLE: ProductResponse = {
  ...PRODUCT_EXAMPLE,
  cost: '31.50',
  minMarginPct: 15,
  effectiveMinMarginPct: 15,
  floorPrice: '37.06',
  updatedAt: '2026-12-01T03:15:00.000Z',
  version: 2,
};

export const PRODUCT_PAGE_EXAMPLE: ProductPage = { items: [PRODUCT_EXAMPLE], nextCursor: null };
