import Decimal from 'decimal.js';

/**
 * Enough digits that comparing a price with a floor is exact in effect: a
 * 12-digit cost at a 99.99 % margin has a 16-digit floor, and a 2-decimal
 * price differs from a floor it does not equal by at least 1e-8.
 */
const Exact = Decimal.clone({ precision: 40 });

/** The setting `minMarginPct` before anyone changes it (API.md §2). */
export const DEFAULT_MIN_MARGIN_PCT = 12.5;

/**
 * The margin a product may not go below: its own `minMarginPct` when it has
 * one, else the organisation's setting.
 */
export function effectiveMinMarginPct(own: number | null, setting: number): number {
  return own ?? setting;
}

/**
 * The lowest unit price that keeps `minMarginPct` (API.md §5):
 * `cost / (1 − minMarginPct/100)`, exact. A margin is below 100 %, which the
 * DTOs and the settings check, so the divisor is never zero.
 */
export function floorPrice(cost: Decimal.Value, minMarginPct: number): Decimal {
  const keep = new Exact(1).minus(new Exact(minMarginPct).div(100));
  if (keep.lte(0)) throw new RangeError(`A floor margin must be below 100 %: ${minMarginPct}`);
  return new Exact(cost).div(keep);
}

/** Money as the API presents it: half-up to 2 places, always 2 fraction digits. */
export function presentMoney(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}
