import { Exact, presentPct } from '../../quotes/domain/quote-math';

/**
 * The statistics behind the metrics and alerts of API.md §8, pure: no clock,
 * no database. Callers pass plain numbers and get plain numbers back.
 *
 * Edge cases, decided here:
 * - an empty list has no percentile and no mean: null, never 0 or NaN;
 * - a week with no closed quote has no loss rate and is skipped from the
 *   anomaly baseline (it says nothing about losing), so the baseline may hold
 *   fewer weeks than the window; with fewer than 2 rated weeks there is no σ
 *   worth the name and the rule never fires;
 * - an unanswered inquiry younger than the target may still be answered in
 *   time, so it is left out of the within-target share altogether.
 */

/** A percentage as JSON: rounded half-up to 2 places, as quotes present theirs. */
export function roundPct(value: number): number {
  return presentPct(new Exact(value));
}

/**
 * The nearest-rank percentile of an ascending list: the element at 1-based rank
 * ⌈p/100 × n⌉. It never interpolates, so the answer is always one of the
 * values. Null for an empty list; `percentile` must lie in (0, 100].
 */
export function nearestRank(sortedValues: readonly number[], percentile: number): number | null {
  if (!(percentile > 0 && percentile <= 100)) {
    throw new RangeError(`percentile must lie in (0, 100], got ${percentile}`);
  }
  const n = sortedValues.length;
  if (n === 0) return null;
  // p × n first, then / 100: 90 × 10 / 100 is exactly 9, where 0.9 × 10 is not.
  const rank = Math.max(1, Math.ceil((percentile * n) / 100));
  return sortedValues[rank - 1];
}

/** Sorts a copy ascending, numerically (Array#sort compares as strings). */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export interface PopulationStats {
  mean: number;
  /** The population standard deviation: the variance divides by n, not n − 1. */
  sigma: number;
}

/**
 * The mean and population standard deviation, two-pass (the mean first, then
 * the squared deviations from it), which avoids the cancellation of
 * Σx² − n·mean². A constant list gives its value and σ exactly 0. Null for an
 * empty list.
 */
export function populationStats(values: readonly number[]): PopulationStats | null {
  const n = values.length;
  if (n === 0) return null;
  // A constant list is exact: Σx / n need not give back x in floating point.
  if (values.every((x) => x === values[0])) return { mean: values[0], sigma: 0 };
  const mean = values.reduce((sum, x) => sum + x, 0) / n;
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n;
  return { mean, sigma: Math.sqrt(variance) };
}

export interface ClosedQuotes {
  won: number;
  lost: number;
}

/** lost / (won + lost) × 100, or null for a week with no closed quote. */
export function lossRatePct({ won, lost }: ClosedQuotes): number | null {
  const closed = won + lost;
  // × 100 first: 3 × 100 / 10 is exactly 30, where 3 / 10 × 100 is not.
  return closed === 0 ? null : (lost * 100) / closed;
}

export interface FunnelAnomalyInput {
  week: ClosedQuotes;
  /** The weeks before `week`, oldest first; only the last `windowWeeks` count. */
  previous: readonly ClosedQuotes[];
  /** k in mean + k·σ; default 2. */
  sigmaMultiplier?: number;
  /** The closed quotes the week needs before it can breach; default 5. */
  minClosed?: number;
  /** default 8. */
  windowWeeks?: number;
}

export type FunnelAnomalyReason =
  /** The week closed no quote: it has no loss rate. */
  | 'no_closed_quotes'
  /** Fewer than 2 weeks of the window have a loss rate. */
  | 'insufficient_baseline'
  /** Above the threshold, but on fewer than minClosed closed quotes. */
  | 'too_few_closed'
  | 'within_threshold'
  | 'above_threshold';

export interface FunnelAnomaly {
  /** Figures rounded half-up to 2 places; null where there is nothing to show. */
  lossRatePct: number | null;
  meanPct: number | null;
  sigmaPct: number | null;
  thresholdPct: number | null;
  closed: number;
  /** The number of weeks of the window that have a loss rate. */
  baselineWeeks: number;
  breach: boolean;
  reason: FunnelAnomalyReason;
}

/** The fewest rated weeks the baseline needs: σ of one week is 0 by construction. */
const MIN_BASELINE_WEEKS = 2;

/**
 * The funnel anomaly rule: a week breaches iff it closed at least `minClosed`
 * quotes and its loss rate is strictly above mean + k·σ of the rated weeks in
 * the window before it. The decision uses the unrounded figures; the returned
 * ones are rounded for the todo's payload.
 */
export function funnelAnomaly(input: FunnelAnomalyInput): FunnelAnomaly {
  const { week, previous, sigmaMultiplier = 2, minClosed = 5, windowWeeks = 8 } = input;
  const closed = week.won + week.lost;
  const rate = lossRatePct(week);
  const window = windowWeeks > 0 ? previous.slice(-windowWeeks) : [];
  const baseline = window.map(lossRatePct).filter((r): r is number => r !== null);
  const stats = baseline.length >= MIN_BASELINE_WEEKS ? populationStats(baseline) : null;
  const threshold = stats === null ? null : stats.mean + sigmaMultiplier * stats.sigma;

  const result = (breach: boolean, reason: FunnelAnomalyReason): FunnelAnomaly => ({
    lossRatePct: rate === null ? null : roundPct(rate),
    meanPct: stats === null ? null : roundPct(stats.mean),
    sigmaPct: stats === null ? null : roundPct(stats.sigma),
    thresholdPct: threshold === null ? null : roundPct(threshold),
    closed,
    baselineWeeks: baseline.length,
    breach,
    reason,
  });

  if (rate === null) return result(false, 'no_closed_quotes');
  if (threshold === null) return result(false, 'insufficient_baseline');
  if (!(rate > threshold)) return result(false, 'within_threshold');
  if (closed < minClosed) return result(false, 'too_few_closed');
  return result(true, 'above_threshold');
}

export interface InquiryResponse {
  /** Minutes from receivedAt to the first follow-up; null while unanswered. */
  responseMinutes: number | null;
  /** Minutes from receivedAt to the end of the measured range (or now). */
  ageMinutes: number;
}

/**
 * The share of inquiries answered within `targetMinutes` (response ≤ target),
 * in per cent, rounded half-up to 2 places. An unanswered inquiry older than
 * the target counts as not within target; one not older than the target can
 * still make it, so it is left out of the denominator. Null when no inquiry
 * counts.
 */
export function withinTargetPct(
  inquiries: readonly InquiryResponse[],
  targetMinutes: number,
): number | null {
  let counted = 0;
  let within = 0;
  for (const { responseMinutes, ageMinutes } of inquiries) {
    if (responseMinutes === null) {
      if (ageMinutes > targetMinutes) counted += 1;
      continue;
    }
    counted += 1;
    if (responseMinutes <= targetMinutes) within += 1;
  }
  return counted === 0 ? null : presentPct(new Exact(within).times(100).div(counted));
}
