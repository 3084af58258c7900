/** A day in milliseconds: order histories are read in days. */
export const DAY_MS = 86_400_000;

/**
 * The scale factor that makes the median absolute deviation estimate σ for
 * normally distributed intervals (1 / Φ⁻¹(3/4)).
 */
export const MAD_TO_SIGMA = 1.4826;

/** Order days a customer needs (so 2 intervals between them) before its cycle counts as measured. */
export const MIN_ORDERS_FOR_CYCLE = 3;

/**
 * The cycle is measured on the latest intervals only, this many: a habit changes over the years,
 * and a customer's roll-up row (customer_order_days) then costs the same to write however long
 * its history.
 */
export const CYCLE_INTERVALS = 24;

/**
 * What the cycle is computed from: a customer's days with an order (several orders on one day
 * are one purchase), the median of the latest CYCLE_INTERVALS intervals between them, and the
 * median absolute deviation of those intervals from that median (null with fewer than 2 days).
 * The roll-up's triggers compute the same in SQL (customer_order_days);
 * `summariseOrderDays` is the reference.
 */
export interface OrderHistorySummary {
  orderDays: number;
  lastOrderAt: Date;
  medianIntervalDays: number | null;
  madDays: number | null;
}

/**
 * A customer's purchase cycle: when it tends to order again, and how sure that is.
 *
 * - `measured`: from 3 or more order days, the median interval between them and the spread of
 *   the intervals around it (the median absolute deviation, scaled to σ). Medians, not means,
 *   so one odd gap (a holiday, a stock-up) does not move the cycle.
 * - `assumed`: from 1 or 2 order days. Two give one interval, taken as the cycle; one takes
 *   `fallbackIntervalDays` (the organisation's typical cycle). Either way the spread is half
 *   the interval, since one gap or none says little.
 */
export interface PurchaseCycle {
  basis: 'measured' | 'assumed';
  orderDays: number;
  lastOrderAt: Date;
  intervalDays: number;
  spreadDays: number;
  /** lastOrderAt + intervalDays. */
  expectedAt: Date;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The summary of orders at `orderTimes` (any order), each placed on its day by `dayOf` (the
 * day number in the organisation's time zone); undefined without orders.
 */
export function summariseOrderDays(
  orderTimes: readonly Date[],
  dayOf: (time: Date) => number,
): OrderHistorySummary | undefined {
  if (!orderTimes.length) return undefined;
  const days = [...new Set(orderTimes.map(dayOf))].sort((a, b) => a - b);
  const intervals = days
    .slice(1)
    .map((day, index) => day - days[index])
    .slice(-CYCLE_INTERVALS);
  const medianIntervalDays = intervals.length ? median(intervals) : null;
  return {
    orderDays: days.length,
    lastOrderAt: new Date(Math.max(...orderTimes.map((time) => time.getTime()))),
    medianIntervalDays,
    madDays:
      medianIntervalDays === null
        ? null
        : median(intervals.map((interval) => Math.abs(interval - medianIntervalDays))),
  };
}

/** The least spread a cycle has, so that a perfectly regular buyer still has a window: a day, or a tenth of the interval. */
export const SPREAD_FLOOR_DAYS = 1;
export const SPREAD_FLOOR_SHARE = 0.1;
/** An assumed cycle's spread, as a share of its interval: one gap or none says little. */
export const ASSUMED_SPREAD_SHARE = 0.5;

function spreadFloor(intervalDays: number): number {
  return Math.max(SPREAD_FLOOR_DAYS, intervalDays * SPREAD_FLOOR_SHARE);
}

/** The purchase cycle of a customer's order history; `fallbackIntervalDays` serves a single order. */
export function purchaseCycle(
  summary: OrderHistorySummary,
  fallbackIntervalDays: number,
): PurchaseCycle {
  const measured = summary.orderDays >= MIN_ORDERS_FOR_CYCLE;
  const intervalDays = summary.medianIntervalDays ?? fallbackIntervalDays;
  const spreadDays = Math.max(
    spreadFloor(intervalDays),
    measured ? MAD_TO_SIGMA * summary.madDays! : intervalDays * ASSUMED_SPREAD_SHARE,
  );
  return {
    basis: measured ? 'measured' : 'assumed',
    orderDays: summary.orderDays,
    lastOrderAt: summary.lastOrderAt,
    intervalDays,
    spreadDays,
    expectedAt: new Date(summary.lastOrderAt.getTime() + intervalDays * DAY_MS),
  };
}
