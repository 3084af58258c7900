import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { ObjectionCategory } from '../../../core/settings/domain/settings';
import { textSettingSql } from '../../../core/settings/settings-sql';
import { MIN_ORDERS_FOR_CYCLE } from '../domain/purchase-cycle';
import { scoreBoundsSql } from './score-bound.sql';

/** One customer's evidence, as of a time, as the model reads it (domain/likely-buyer.ts). */
export interface EvidenceRow {
  customerId: string;
  name: string;
  ownerId: string;
  orderDays: number | null;
  lastOrderAt: Date | null;
  medianIntervalDays: number | null;
  madDays: number | null;
  recentSignals: number;
  previousSignals: number;
  openQuotes: number;
  openQuotesTotal: string;
  objections: ObjectionCategory[];
  lastInteractionAt: Date | null;
}

/** A customer, the most the model can score it, and its expected order (score-bound.sql.ts). */
export interface ScoreBound {
  customerId: string;
  bound: number;
  /** Epoch ms; -Infinity for a single order, Number.MAX_SAFE_INTEGER without orders. */
  expectedAt: number;
}

/** Where and when a ranking stands: the customers in scope, as of a time, for a horizon. */
export interface RankingScope {
  asOf: Date;
  /** The horizon, and the signals' window: the days before asOf, against as many before those. */
  horizonDays: number;
  /** A data-scope predicate over `c.owner_id`, with its parameters in `params`. */
  customerScope: string;
  ownerId?: string;
  params: SqlParams;
}

/** A quote's status after each audited event that set it (docs/audit.md). */
const QUOTE_STATUS_AFTER_EVENT = `CASE a.action WHEN 'approved' THEN 'approved'
  WHEN 'rejected' THEN 'rejected' ELSE a.data->>'status' END`;
const QUOTE_STATUS_EVENTS = `('created', 'edited', 'submitted', 'approved', 'rejected', 'won', 'lost', 'withdrawn')`;

/**
 * The statements of the ranking, each as of `asOf`, using only what happened before it, so that
 * the backtest can replay a past week with what was known then.
 *
 * - The purchase cycle is the customer's `customer_order_days` row in force at asOf: its day's
 *   first order came before asOf, and the next day's did not (`superseded_at`). The rows in
 *   force are one range of an index that holds the cycle. The last order is that day's last,
 *   or its first when asOf falls within the day.
 * - A quote's status at asOf is its status now when it has not changed since (`updated_at`),
 *   else the one its last audited event before asOf left (the audit trail records every status
 *   change). It is open when that is `approved` and its validity has not ended. Its amount is
 *   the latest version's.
 * - The last interaction is the latest follow-up, inquiry, signal or order before asOf.
 */
@Injectable()
export class LikelyBuyersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The `limit` customers in scope with the highest bound above 0, in the model's order (bound,
   * then the expected order, then id): one pass over the cycles in force, the window's signals
   * and the open quotes.
   */
  async bounds(scope: RankingScope, limit: number): Promise<ScoreBound[]> {
    const { params } = scope;
    const asOf = timeParam(scope);
    return this.tx.query<ScoreBound>(
      `WITH evidence AS (
         SELECT c.id AS customer_id, cy.order_days, cy.median_interval_days, cy.mad_days,
           cy.last_order_at, coalesce(sg.recent, 0) AS recent_signals,
           coalesce(sg.previous, 0) AS previous_signals, coalesce(oq.open_quotes, 0) AS open_quotes
         FROM ${scopedCustomers(scope)}
         LEFT JOIN (${cyclesInForce(asOf)}) cy ON cy.customer_id = c.id
         LEFT JOIN (${signalCounts(scope, asOf)}) sg ON sg.customer_id = c.id
         LEFT JOIN (${openQuotes(asOf)}) oq ON oq.customer_id = c.id
         WHERE cy.customer_id IS NOT NULL OR sg.customer_id IS NOT NULL
           OR oq.customer_id IS NOT NULL
       )
       -- OFFSET 0 keeps the bound a column of its subquery: computed once per customer, not
       -- once for the filter and again for the sort.
       SELECT customer_id AS "customerId", bound, expected_at AS "expectedAt"
       FROM (${scoreBoundsSql('evidence', asOf, params.add(scope.horizonDays))} OFFSET 0) b
       WHERE bound > 0 ORDER BY bound DESC, expected_at, customer_id LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  /** The evidence of the customers `customerIds` that are in scope. */
  async evidence(scope: RankingScope, customerIds: readonly string[]): Promise<EvidenceRow[]> {
    const { params } = scope;
    const asOf = timeParam(scope);
    const listed = `${params.add(customerIds)}::uuid[]`;
    return this.tx.query<EvidenceRow>(
      `SELECT c.id AS "customerId", c.name, c.owner_id AS "ownerId",
         cy.order_days AS "orderDays", cy.last_order_at AS "lastOrderAt",
         cy.median_interval_days AS "medianIntervalDays", cy.mad_days AS "madDays",
         coalesce(sg.recent, 0) AS "recentSignals", coalesce(sg.previous, 0) AS "previousSignals",
         coalesce(oq.open_quotes, 0) AS "openQuotes", coalesce(oq.total, '0') AS "openQuotesTotal",
         coalesce(latest.categories, '{}') AS objections,
         greatest(cy.last_order_at, latest.occurred_at, inquiry.last_at, signal.last_at)
           AS "lastInteractionAt"
       FROM ${scopedCustomers(scope)}
       LEFT JOIN (${cyclesInForce(asOf, listed)}) cy ON cy.customer_id = c.id
       LEFT JOIN (${signalCounts(scope, asOf, listed)}) sg ON sg.customer_id = c.id
       LEFT JOIN (${openQuotes(asOf, listed)}) oq ON oq.customer_id = c.id
       LEFT JOIN LATERAL (
         SELECT f.occurred_at,
           ARRAY(SELECT DISTINCT o->>'category' FROM jsonb_array_elements(f.objections) o) AS categories
         FROM follow_ups f WHERE f.customer_id = c.id AND f.occurred_at < ${asOf}
         ORDER BY f.occurred_at DESC, f.id DESC LIMIT 1
       ) latest ON TRUE
       LEFT JOIN LATERAL (
         SELECT max(i.received_at) AS last_at FROM inquiries i
         WHERE i.customer_id = c.id AND i.received_at < ${asOf}
       ) inquiry ON TRUE
       LEFT JOIN LATERAL (
         SELECT max(s.at) AS last_at FROM signals s WHERE s.customer_id = c.id AND s.at < ${asOf}
       ) signal ON TRUE
       WHERE c.id = ANY (${listed})`,
      params.values,
    );
  }

  /**
   * The cycle assumed for a customer with a single order: the median of the measured cycles in
   * scope (null without any), so that it fits the trade.
   */
  async typicalIntervalDays(scope: RankingScope): Promise<number | null> {
    const asOf = timeParam(scope);
    const [row] = await this.tx.query<{ days: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY cy.median_interval_days) AS days
       FROM ${scopedCustomers(scope)} JOIN (${cyclesInForce(asOf)}) cy ON cy.customer_id = c.id
       WHERE cy.order_days >= ${MIN_ORDERS_FOR_CYCLE}`,
      scope.params.values,
    );
    return row.days;
  }

  /** The recency baseline (API.md §11): the `limit` customers in scope who ordered last before asOf. */
  async latestBuyers(scope: RankingScope, limit: number): Promise<string[]> {
    const asOf = timeParam(scope);
    const rows = await this.tx.query<{ customerId: string }>(
      `SELECT c.id AS "customerId"
       FROM ${scopedCustomers(scope)} JOIN (${cyclesInForce(asOf)}) cy ON cy.customer_id = c.id
       ORDER BY cy.last_order_at DESC, c.id LIMIT ${scope.params.add(limit)}`,
      scope.params.values,
    );
    return rows.map((row) => row.customerId);
  }

  /** The instants the days `YYYY-MM-DD` start at in the organisation's time zone. */
  async dayStarts(days: string[]): Promise<Date[]> {
    const rows = await this.tx.query<{ start: Date }>(
      `SELECT (day::date::timestamp AT TIME ZONE ${textSettingSql('timezone')}) AS start
       FROM unnest($1::text[]) WITH ORDINALITY AS d(day, n) ORDER BY n`,
      [days],
    );
    return rows.map((row) => row.start);
  }

  /**
   * Of the customers in scope, how many ordered in [from, to), and which of `candidates` did:
   * who bought in a replayed week. `to` is the scope's asOf: a customer ordered in the range
   * when its last order before `to` came at or after `from`. From the cycles in force at `to`,
   * whose last order is that day's first when `to` falls within the day: exact when the range
   * starts at a day's start, as a week does.
   */
  async buyers(
    scope: RankingScope,
    from: Date,
    candidates: readonly string[],
  ): Promise<{ count: number; among: string[] }> {
    const { params } = scope;
    const to = timeParam(scope);
    const [row] = await this.tx.query<{ count: number; among: string[] }>(
      `SELECT count(*)::int AS count,
         coalesce(array_agg(c.id) FILTER (WHERE c.id = ANY (${params.add(candidates)}::uuid[])), '{}')
           AS among
       FROM ${scopedCustomers(scope)} JOIN (${cyclesInForce(to)}) cy ON cy.customer_id = c.id
       WHERE cy.last_order_at >= ${params.add(from)}`,
      params.values,
    );
    return row;
  }
}

/** The ranking's time as an SQL parameter (added once per statement). */
function timeParam(scope: RankingScope): string {
  return `${scope.params.add(scope.asOf)}::timestamptz`;
}

/** `customers c`, the owned ones in scope (and of ownerId when given). */
function scopedCustomers(scope: RankingScope): string {
  const owner = scope.ownerId ? `AND c.owner_id = ${scope.params.add(scope.ownerId)}` : '';
  return `(SELECT * FROM customers c
    WHERE c.owner_id IS NOT NULL AND ${scope.customerScope} ${owner}) c`;
}

/**
 * Per customer (of `listed`, an SQL uuid[], when given), its `customer_order_days` row in force
 * at `asOf`: its day's first order came before asOf, and the next day's did not. For every
 * customer, that is two ranges of the covering index, no table access: as of now, the latest
 * rows (superseded_at null); as of a past time, those whose day had begun and those superseded
 * since. For a few listed customers, their primary-key ranges.
 */
function cyclesInForce(asOf: string, listed?: string): string {
  const row = `d.customer_id, d.order_days, d.median_interval_days, d.mad_days,
    CASE WHEN d.last_ordered_at < ${asOf} THEN d.last_ordered_at ELSE d.first_ordered_at END
      AS last_order_at`;
  if (listed) {
    return `SELECT ${row} FROM customer_order_days d
      WHERE d.customer_id = ANY (${listed}) AND d.first_ordered_at < ${asOf}
        AND (d.superseded_at IS NULL OR d.superseded_at >= ${asOf})`;
  }
  return `SELECT ${row} FROM customer_order_days d
      WHERE d.superseded_at IS NULL AND d.first_ordered_at < ${asOf}
    UNION ALL
    SELECT ${row} FROM customer_order_days d
      WHERE d.superseded_at >= ${asOf} AND d.first_ordered_at < ${asOf}`;
}

/** `AND <column> = ANY (listed)` when a list is given. */
const amongListed = (column: string, listed?: string) =>
  listed ? `AND ${column} = ANY (${listed})` : '';

/**
 * Per customer (of `listed`, when given), its signals in the horizon's window before asOf, and
 * in the window before that.
 */
function signalCounts(scope: RankingScope, asOf: string, listed?: string): string {
  const window = `make_interval(days => ${scope.params.add(scope.horizonDays)})`;
  return `SELECT s.customer_id,
      coalesce(sum(s.count) FILTER (WHERE s.at >= ${asOf} - ${window}), 0)::int AS recent,
      coalesce(sum(s.count) FILTER (WHERE s.at < ${asOf} - ${window}), 0)::int AS previous
    FROM signals s
    WHERE s.at >= ${asOf} - 2 * ${window} AND s.at < ${asOf} ${amongListed('s.customer_id', listed)}
    GROUP BY 1`;
}

/**
 * Per customer (of `listed`, when given), its quotes approved and still valid at asOf: how
 * many, and their total.
 */
function openQuotes(asOf: string, listed?: string): string {
  const statusAtAsOf = `CASE WHEN q.updated_at < ${asOf} THEN q.status ELSE (
      SELECT ${QUOTE_STATUS_AFTER_EVENT} FROM audit_events a
      WHERE a.entity = 'quote' AND a.entity_id = q.id::text
        AND a.action IN ${QUOTE_STATUS_EVENTS} AND a.at < ${asOf}
      ORDER BY a.seq DESC LIMIT 1) END`;
  return `SELECT q.customer_id, count(*)::int AS open_quotes,
      sum((q.totals->>'amount')::numeric)::text AS total
    FROM quotes q
    WHERE q.created_at < ${asOf} AND ${statusAtAsOf} = 'approved'
      AND (q.valid_until IS NULL
        OR q.valid_until >= (${asOf} AT TIME ZONE ${textSettingSql('timezone')})::date)
      ${amongListed('q.customer_id', listed)}
    GROUP BY 1`;
}
