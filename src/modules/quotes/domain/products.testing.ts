import { ProductPricing } from './quote-math';

/** 深沟球轴承 6205: list 42.00, cost 30.00, 13 % VAT, the setting's floor margin. */
export const bearing: ProductPricing = {
  id: 'p-brg',
  sku: 'BRG-6205',
  listPrice: '42.00',
  cost: '30.00',
  taxRatePct: 13,
  minMarginPct: null,
};

/** 闸阀 DN50: list 260.00, cost 200.00, 13 % VAT, its own 15 % floor margin. */
export const valve: ProductPricing = {
  id: 'p-vlv',
  sku: 'VLV-DN50',
  listPrice: '260.00',
  cost: '200.00',
  taxRatePct: 13,
  minMarginPct: 15,
};
