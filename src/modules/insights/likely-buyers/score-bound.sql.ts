import { ASSUMED_CYCLE_TRUST, MIN_RECENT_SIGNALS, WEIGHTS } from '../domain/likely-buyer';
import {
  ASSUMED_SPREAD_SHARE,
  DAY_MS,
  MAD_TO_SIGMA,
  MIN_ORDERS_FOR_CYCLE,
  SPREAD_FLOOR_DAYS,
  SPREAD_FLOOR_SHARE,
} from '../domain/purchase-cycle';

/**
 * Beyond this many spreads from the horizon, the cycle's normal curve is taken as at this
 * many: exp() of a lower value underflows in PostgreSQL (an error, not a zero), and the bound
 * only grows by it.
 */
const TIMING_SPREADS_AT_MOST = 30;

/** The cycle reason's weight of a customer with a single order day: its spread, and so its regularity, are fixed. */
const SINGLE_ORDER_CYCLE_WEIGHT =
  (WEIGHTS.cycle * ASSUMED_CYCLE_TRUST) / (1 + ASSUMED_SPREAD_SHARE);

/** The model's rounding of a weight and of the score (4 places, as Math.round), in float8 like it. */
const roundLikeModel = (value: string) => `(floor((${value}) * 10000 + 0.5) / 10000)`;

/**
 * What the model's score (domain/likely-buyer.ts, scoreLikelyBuyer) can be at most, in SQL, over
 * the columns of a row of evidence `e`: the sum of its positive reasons (the purchase cycle,
 * growing signals, an approved quote waiting), held to 1. The objection and silence reasons
 * only take away, so they are left out; a single order's cycle, whose interval is the scope's
 * typical one, counts at the most it can (its timing at 1). Everything else is the model's
 * formula, on the model's constants, in the model's float8 operations and rounding, so that a
 * customer without objections or silence scores its bound exactly (ties included). The one
 * operation that may differ in its last bit is exp(). The likely-buyers e2e spec checks the two.
 *
 * With the bound comes the other key of the model's order: when the cycle expects the next
 * order, in epoch ms (the earliest possible for a single order, whose interval is not known
 * here; Number.MAX_SAFE_INTEGER without orders, as the service ranks them).
 *
 * So the ranking scores exactly, in TypeScript, only the customers whose bound can reach its
 * top k, instead of reading every customer's evidence.
 *
 * `evidence` is a relation with the columns customer_id, order_days, median_interval_days,
 * mad_days, last_order_at, recent_signals, previous_signals and open_quotes; `asOf` and
 * `horizonDays` are SQL expressions. The answer has a row (customer_id, bound, expected_at) per
 * row of it.
 */
export function scoreBoundsSql(evidence: string, asOf: string, horizonDays: string): string {
  const interval = 'e.median_interval_days';
  const measured = `e.order_days >= ${MIN_ORDERS_FOR_CYCLE}`;
  const epochMs = (time: string) => `round(date_part('epoch', ${time}) * 1000)`;
  const spread = `greatest(${SPREAD_FLOOR_DAYS}, ${interval} * ${SPREAD_FLOOR_SHARE},
    CASE WHEN ${measured} THEN ${MAD_TO_SIGMA} * e.mad_days ELSE ${interval} * ${ASSUMED_SPREAD_SHARE} END)`;
  const expectedMs = `${epochMs('e.last_order_at')} + ${interval} * ${DAY_MS}`;
  const outside = `CASE WHEN x.due < 0 THEN -x.due ELSE greatest(0, x.due - ${horizonDays}) END`;
  const cycle = `CASE WHEN e.order_days IS NULL THEN 0
    WHEN ${interval} IS NULL THEN ${SINGLE_ORDER_CYCLE_WEIGHT}
    ELSE ${WEIGHTS.cycle}
      * exp(-0.5 * least(${TIMING_SPREADS_AT_MOST}, (${outside}) / x.spread) ^ 2)
      * (1 / (1 + x.spread / ${interval}))
      * CASE WHEN ${measured} THEN 1 ELSE ${ASSUMED_CYCLE_TRUST} END END`;
  const signals = `CASE WHEN e.recent_signals >= ${MIN_RECENT_SIGNALS}
      AND e.recent_signals > e.previous_signals
    THEN ${WEIGHTS.signals} * least(1, CASE WHEN e.previous_signals > 0
      THEN (e.recent_signals - e.previous_signals)::float8 / e.previous_signals * 100 ELSE 100 END / 100)
    ELSE 0 END`;
  const quote = `CASE WHEN e.open_quotes > 0 THEN ${WEIGHTS.openApprovedQuote} ELSE 0 END`;
  const sum = [cycle, signals, quote].map(roundLikeModel).join(' + ');
  return `SELECT e.customer_id, ${roundLikeModel(`least(1, ${sum})`)} AS bound,
      CASE WHEN e.order_days IS NULL THEN ${Number.MAX_SAFE_INTEGER}
        WHEN ${interval} IS NULL THEN '-Infinity'::float8 ELSE x.expected_ms END AS expected_at
    FROM ${evidence} e CROSS JOIN LATERAL (
      SELECT ${expectedMs} AS expected_ms, (${expectedMs} - ${epochMs(asOf)}) / ${DAY_MS} AS due,
        ${spread} AS spread
    ) x`;
}
