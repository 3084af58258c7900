/**
 * The weekly metrics measured per org unit (UnitMetricsService), which the
 * alert rules watch: each a percentage.
 */
export const UNIT_METRICS = [
  'repurchase_rate',
  'first_response_within_target_pct',
  'compliance_rate',
] as const;
export type UnitMetric = (typeof UNIT_METRICS)[number];

/** The unit types a metric is measured by: the repurchase rate by store only (the store of the orders). */
export const UNIT_TYPES_OF: Record<UnitMetric, readonly ('store' | 'team')[]> = {
  repurchase_rate: ['store'],
  first_response_within_target_pct: ['store', 'team'],
  compliance_rate: ['store', 'team'],
};
