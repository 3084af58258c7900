/**
 * What a product's fields may hold, shared by `POST /products` (the DTOs) and
 * the product import, which checks every row as POST /products checks a body.
 * No lookahead: the spec's patterns must suit every client's regex engine.
 */

/** Money as `numeric(14,2)` holds it: up to 12 integer digits without leading zeros, and up to 2 decimals. */
export const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
/** The same, above zero: a list price of 0 would make every discount undefined. */
export const POSITIVE_MONEY = /^([1-9]\d{0,11}(\.\d{1,2})?|0\.(0[1-9]|[1-9]\d?))$/;
/** The validation message of a MONEY (or POSITIVE_MONEY) field, in English and Chinese. */
export const moneyMessage = (field: string, positive: boolean) => ({
  message: `${field} must be a decimal string${positive ? ' above zero' : ''} with at most 12 integer digits (no leading zeros) and 2 decimals, such as "1234.50"`,
  context: {
    zh: `${field} 必须是${positive ? '大于零的' : ''}十进制字符串，最多 12 位整数（无前导零）和 2 位小数，例如 "1234.50"`,
  },
});

/** A SKU as ERPs and price lists write it: letters, digits and `._/+-`, no spaces or commas. */
export const SKU = /^[A-Za-z0-9][A-Za-z0-9._/+-]*$/;
/** A category is a filter value, so it holds no comma (`?category=a,b` lists two). */
export const NO_COMMA = /^[^,]+$/;

/** The lengths `POST /products` allows. */
export const PRODUCT_MAX_LENGTH = { sku: 64, name: 200, unit: 20, category: 50 } as const;

/** VAT in China's standard rate, for a product created without `taxRatePct`. */
export const DEFAULT_TAX_RATE_PCT = 13;
/** The highest own floor margin a product may have (a margin of 100 % has no floor). */
export const MAX_MIN_MARGIN_PCT = 99.99;
