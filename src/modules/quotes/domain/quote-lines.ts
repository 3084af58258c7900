import type { LineProduct } from '../../products/domain/product-pricing';
import { PresentedLine, presentLine, PricedLine } from './quote-math';

/**
 * A line as a quote version stores and shows it: what was asked (product,
 * qty, unit price), the product as it stood, and the figures as presented.
 */
export interface StoredQuoteLine extends PresentedLine {
  sku: string;
  name: string;
  unit: string;
  taxRatePct: number;
}

export function toStoredLine(priced: PricedLine, product: LineProduct): StoredQuoteLine {
  return {
    ...presentLine(priced),
    sku: product.sku,
    name: product.name,
    unit: product.unit,
    taxRatePct: product.taxRatePct,
  };
}
