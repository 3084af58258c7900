import Decimal from 'decimal.js';

/**
 * The share of a run's recipients who have read all its articles, as a
 * percentage rounded half-up to 2 places (API.md §0); 0 when nobody was
 * delivered to, as there is nothing to complete.
 */
export function completionPct(read: number, delivered: number): number {
  if (delivered === 0) return 0;
  return new Decimal(read)
    .times(100)
    .dividedBy(delivered)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toNumber();
}
