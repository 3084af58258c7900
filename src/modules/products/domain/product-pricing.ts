/** What quote math needs of a product; money as decimal strings, percentages as numbers. */
export interface ProductPricing {
  id: string;
  sku: string;
  listPrice: string;
  cost: string;
  /** VAT rate, e.g. 13; every price is net of it. */
  taxRatePct: number;
  /** The product's own floor margin (0 to under 100), or null for the setting's. */
  minMarginPct: number | null;
}

/** A product as a quote line prints it, beside the figures it is priced on. */
export interface LineProduct extends ProductPricing {
  name: string;
  unit: string;
}
