import type { UnitMetric } from '../../metrics/domain/unit-metrics';
import { Exact } from '../../quotes/domain/quote-math';

/* What a rule watches is one of the metrics measured per unit: UNIT_METRICS. */

export const ALERT_SCOPES = ['store', 'team'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

export const ALERT_COMPARATORS = ['lt', 'gt'] as const;
export type AlertComparator = (typeof ALERT_COMPARATORS)[number];

/** How a todo's title names a metric. */
export const METRIC_LABELS: Record<UnitMetric, string> = {
  repurchase_rate: '周复购率',
  first_response_within_target_pct: '首响达标率',
  compliance_rate: '跟进合规率',
};

const COMPARATOR_LABELS: Record<AlertComparator, string> = { lt: '低于', gt: '高于' };

/**
 * Whether a unit's value breaches the rule: strictly below (`lt`) or above
 * (`gt`) the threshold, compared exactly on the value as presented (2
 * places), so that what a manager reads is what was judged. A unit with no
 * value (nothing to measure that week) never breaches.
 */
export function breaches(
  value: number | null,
  comparator: AlertComparator,
  threshold: string,
): boolean {
  if (value === null) return false;
  const order = new Exact(value).toDecimalPlaces(2).comparedTo(new Exact(threshold));
  return comparator === 'lt' ? order < 0 : order > 0;
}

/** e.g. `西湖烘焙店 2026-W49 周复购率 58.33% 低于 65%`. */
export function alertTitle(
  unitName: string,
  week: string,
  metric: UnitMetric,
  value: number,
  comparator: AlertComparator,
  threshold: string,
): string {
  const shown = new Exact(value).toFixed(2);
  const bound = new Exact(threshold).toString();
  return `${unitName} ${week} ${METRIC_LABELS[metric]} ${shown}% ${COMPARATOR_LABELS[comparator]} ${bound}%`;
}
