import Decimal from 'decimal.js';
import { floorPrice, isBelowFloor, presentFloorPrice } from '../../products/domain/floor-price';
import type { ProductPricing } from '../../products/domain/product-pricing';

export type { ProductPricing };

/**
 * Quote math (API.md §5), pure and exact. Figures stay decimal.js values with
 * 40 significant digits, enough for 200 lines of qty (4 places) × price
 * (2 places) without loss; they are rounded only by the present* functions at
 * the end of this file, the one place where figures become JSON.
 *
 * Edge cases, decided here:
 * - a line or a quote with amount 0 has marginPct null: a ratio over no
 *   revenue means nothing. The floor lock compares prices, so a free line
 *   whose product costs something is still refused;
 * - a product with listPrice 0 has discountPct null: there is no list price to
 *   discount from, so such a line never asks for approval;
 * - a price above list gives a negative discountPct (a mark-up).
 */
export const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const HUNDRED = new Exact(100);
/** Multiplying by 1/100 is exact and cheaper than dividing by 100. */
const PER_CENT = new Exact('0.01');

export interface LineInput {
  product: ProductPricing;
  /** Positive, up to 4 fraction digits; a string as PostgreSQL returns numeric. */
  qty: number | string;
  /** Money, up to 2 fraction digits. */
  unitPrice: string;
}

export interface PricedLine {
  productId: string;
  sku: string;
  qty: Decimal;
  unitPrice: Decimal;
  listPrice: Decimal;
  amount: Decimal;
  cost: Decimal;
  taxAmount: Decimal;
  /** Null when amount is 0. */
  marginPct: Decimal | null;
  /** Null when listPrice is 0. */
  discountPct: Decimal | null;
  /** The margin the floor lock holds this line to: the product's, or the setting's. */
  minMarginPct: Decimal;
  /** The unit price at which the margin is exactly minMarginPct; not rounded. */
  floorPrice: Decimal;
  belowFloor: boolean;
}

export interface QuoteTotals {
  amount: Decimal;
  cost: Decimal;
  /** Null when amount is 0. */
  marginPct: Decimal | null;
  taxAmount: Decimal;
  amountWithTax: Decimal;
}

/** (amount − cost) / amount × 100, or null over no revenue. */
function marginPctOf(amount: Decimal, cost: Decimal): Decimal | null {
  return amount.isZero() ? null : amount.minus(cost).div(amount).times(HUNDRED);
}

/**
 * Prices one line. `settingMinMarginPct` is the organisation's setting
 * (default 12.5), used when the product has no minMarginPct of its own.
 */
export function priceLine(line: LineInput, settingMinMarginPct: number): PricedLine {
  const { product } = line;
  const qty = new Exact(line.qty);
  const unitPrice = new Exact(line.unitPrice);
  const listPrice = new Exact(product.listPrice);
  const unitCost = new Exact(product.cost);
  const amount = qty.times(unitPrice);
  const cost = qty.times(unitCost);
  const minMarginPct = new Exact(product.minMarginPct ?? settingMinMarginPct);
  return {
    productId: product.id,
    sku: product.sku,
    qty,
    unitPrice,
    listPrice,
    amount,
    cost,
    taxAmount: amount.times(product.taxRatePct).times(PER_CENT),
    marginPct: marginPctOf(amount, cost),
    discountPct: listPrice.isZero()
      ? null
      : listPrice.minus(unitPrice).div(listPrice).times(HUNDRED),
    minMarginPct,
    floorPrice: floorPrice(unitCost, minMarginPct),
    belowFloor: isBelowFloor(unitPrice, unitCost, minMarginPct),
  };
}

/** Prices every line of a quote, in order. */
export function priceLines(lines: readonly LineInput[], settingMinMarginPct: number): PricedLine[] {
  return lines.map((line) => priceLine(line, settingMinMarginPct));
}

/** The quote's totals: sums of the exact line figures, margin over the sums. */
export function totalsOf(lines: readonly PricedLine[]): QuoteTotals {
  let amount = new Exact(0);
  let cost = new Exact(0);
  let taxAmount = new Exact(0);
  for (const line of lines) {
    amount = amount.plus(line.amount);
    cost = cost.plus(line.cost);
    taxAmount = taxAmount.plus(line.taxAmount);
  }
  return {
    amount,
    cost,
    marginPct: marginPctOf(amount, cost),
    taxAmount,
    amountWithTax: amount.plus(taxAmount),
  };
}

/** A line the floor lock refuses, for 422 BELOW_FLOOR_MARGIN. */
export interface FloorBreach {
  /** 0-based, as in the request's `lines[i]`. */
  index: number;
  productId: string;
  sku: string;
  /** Presented: the lowest price in cents that passes the lock. */
  floorPrice: string;
  /** Presented; null when the line's amount is 0. */
  marginPct: number | null;
  minMarginPct: number;
}

/** Every line priced below its floor, in line order; empty when the quote may be saved. */
export function floorBreaches(lines: readonly PricedLine[]): FloorBreach[] {
  const breaches: FloorBreach[] = [];
  lines.forEach((line, index) => {
    if (!line.belowFloor) return;
    breaches.push({
      index,
      productId: line.productId,
      sku: line.sku,
      floorPrice: presentFloorPrice(line.floorPrice),
      marginPct: presentPctOrNull(line.marginPct),
      minMarginPct: presentPct(line.minMarginPct),
    });
  });
  return breaches;
}

// Presentation: the only place where figures are rounded.

/** Money as JSON: a string with exactly 2 places, rounded half-up (away from zero on a tie). */
export function presentMoney(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}

/** A percentage as JSON: a number rounded half-up to 2 places. */
export function presentPct(value: Decimal): number {
  // +0 in place of −0, which a tiny negative margin would otherwise round to.
  return Number(value.toFixed(2, Decimal.ROUND_HALF_UP)) + 0;
}

export function presentPctOrNull(value: Decimal | null): number | null {
  return value === null ? null : presentPct(value);
}

export interface PresentedLine {
  productId: string;
  qty: number;
  unitPrice: string;
  listPrice: string;
  amount: string;
  cost: string;
  taxAmount: string;
  marginPct: number | null;
  discountPct: number | null;
  floorPrice: string;
}

export function presentLine(line: PricedLine): PresentedLine {
  return {
    productId: line.productId,
    qty: line.qty.toNumber(),
    unitPrice: presentMoney(line.unitPrice),
    listPrice: presentMoney(line.listPrice),
    amount: presentMoney(line.amount),
    cost: presentMoney(line.cost),
    taxAmount: presentMoney(line.taxAmount),
    marginPct: presentPctOrNull(line.marginPct),
    discountPct: presentPctOrNull(line.discountPct),
    floorPrice: presentFloorPrice(line.floorPrice),
  };
}

export interface PresentedTotals {
  amount: string;
  cost: string;
  marginPct: number | null;
  taxAmount: string;
  amountWithTax: string;
}

export function presentTotals(totals: QuoteTotals): PresentedTotals {
  return {
    amount: presentMoney(totals.amount),
    cost: presentMoney(totals.cost),
    marginPct: presentPctOrNull(totals.marginPct),
    taxAmount: presentMoney(totals.taxAmount),
    amountWithTax: presentMoney(totals.amountWithTax),
  };
}
