/** A day in milliseconds: order histories are read in days. */
export const DAY_MS = 86_400_000;

/**
 * The scale factor that makes the median absolute deviation estimate σ for
 * normally distributed intervals (1 / Φ⁻¹(3/4)).
 */
const MAD_TO_SIGMA = 1.4826;

/** Orders a customer needs (so intervals between them) before its cycle counts as measured. */
export const MIN_ORDERS_FOR_CYCLE = 3;

/**
 * A customer's purchase cycle: when it tends to order again, and how sure that is.
 *
 * - `measured`: from 3 or more orders, the median interval between them and the spread of the
 *   intervals around it (the median absolute deviation, scaled to σ). Medians, not means, so
 *   one odd gap (a holiday, a stock-up) does not move the cycle.
 * - `assumed`: from 1 or 2 orders. Two orders give one interval, taken as the cycle; one order
 *   takes `fallbackIntervalDays` (the organisation's typical cycle). Either way the spread is
 *   half the interval, since one gap or none says little.
 */
export interface PurchaseCycle {
  basis: 'measured' | 'assumed';
  orders: number;
  lastOrderAt: Date;
  intervalDays: number;
  spreadDays: number;
  /** lastOrderAt + intervalDays. */
  expectedAt: Date;
}

/** The least spread a cycle has, so that a perfectly regular buyer still has a window. */
function spreadFloor(intervalDays: number): number {
  return Math.max(1, intervalDays * 0.1);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The purchase cycle of a customer that ordered at `orderTimes` (any order; orders on the same
 * day count once, as one delivery split into two orders is one purchase); undefined without
 * orders. `fallbackIntervalDays` is the cycle assumed from a single order.
 */
export function purchaseCycle(
  orderTimes: readonly Date[],
  fallbackIntervalDays: number,
): PurchaseCycle | undefined {
  const days = [...new Set(orderTimes.map((time) => Math.floor(time.getTime() / DAY_MS)))].sort(
    (a, b) => a - b,
  );
  if (!days.length) return undefined;
  const lastOrderAt = new Date(Math.max(...orderTimes.map((time) => time.getTime())));
  const intervals = days.slice(1).map((day, index) => day - days[index]);
  const measured = days.length >= MIN_ORDERS_FOR_CYCLE;
  const intervalDays = intervals.length ? median(intervals) : fallbackIntervalDays;
  const spreadDays = measured
    ? Math.max(
        spreadFloor(intervalDays),
        MAD_TO_SIGMA * median(intervals.map((interval) => Math.abs(interval - intervalDays))),
      )
    : Math.max(spreadFloor(intervalDays), intervalDays / 2);
  return {
    basis: measured ? 'measured' : 'assumed',
    orders: days.length,
    lastOrderAt,
    intervalDays,
    spreadDays,
    expectedAt: new Date(lastOrderAt.getTime() + intervalDays * DAY_MS),
  };
}
