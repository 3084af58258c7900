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
export function floorPrice(cost: Decimal.Value, minMarginPct: Decimal.Value): Decimal {
  const keep = new Exact(1).minus(new Exact(minMarginPct).div(100));
  if (keep.lte(0))
    throw new RangeError(`A floor margin must be below 100 %: ${String(minMarginPct)}`);
  return new Exact(cost).div(keep);
}

/**
 * Whether a unit price lies below its floor: `unitPrice < cost / (1 − m/100)`,
 * cross-multiplied so that the test is exact where the floor price itself is
 * a repeating decimal (34.2857… for a cost of 30.00 at 12.5 %).
 */
export function isBelowFloor(
  unitPrice: Decimal.Value,
  cost: Decimal.Value,
  minMarginPct: Decimal.Value,
): boolean {
  const hundred = new Exact(100);
  return new Exact(unitPrice)
    .times(hundred.minus(minMarginPct))
    .lessThan(new Exact(cost).times(hundred));
}

/**
 * A floor price as the API presents it: rounded UP to the cent, not half-up.
 * It is the lowest price a client may quote, and half-up would sometimes
 * show a price (34.2849… → 34.28) that the floor lock then refuses.
 */
export function presentFloorPrice(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_UP);
}
