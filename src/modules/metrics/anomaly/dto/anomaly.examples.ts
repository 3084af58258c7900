import { metricMessages } from '../../metrics.exception';
import { AnomalyPrecisionResponse, FunnelAnomalyRunResponse } from './anomaly.dto';

const BASELINE = [
  ['2026-W40', 8, 2],
  ['2026-W41', 7, 3],
  ['2026-W42', 8, 2],
  ['2026-W43', 9, 1],
  ['2026-W44', 8, 2],
  ['2026-W45', 7, 3],
  ['2026-W46', 8, 2],
  ['2026-W47', 9, 1],
] as const;

/**
 * Week 48 lost 7 of 10 against a baseline of 20 % ± 7.07 %: above the
 * threshold 34.14 %, so each of the two sales directors got a todo.
 */
export const FUNNEL_ANOMALY_RUN_EXAMPLE: FunnelAnomalyRunResponse = {
  week: '2026-W48',
  from: '2026-11-22T16:00:00.000Z',
  to: '2026-11-29T16:00:00.000Z',
  breach: true,
  reason: 'above_threshold',
  lossRatePct: 70,
  meanPct: 20,
  sigmaPct: 7.07,
  thresholdPct: 34.14,
  closed: 10,
  won: 3,
  lost: 7,
  baselineWeeks: 8,
  windowWeeks: 8,
  sigmaMultiplier: 2,
  minClosed: 5,
  baseline: BASELINE.map(([week, won, lost]) => ({
    week,
    won,
    lost,
    lossRatePct: (lost * 100) / (won + lost),
  })),
  todosCreated: 2,
};

/** This quarter: four anomalies, three judged, two of them confirmed. */
export const ANOMALY_PRECISION_EXAMPLE: AnomalyPrecisionResponse = {
  flagged: 4,
  confirmed: 2,
  falseAlarms: 1,
  precisionPct: 66.67,
  definition: metricMessages.precisionDefinition.en,
};
