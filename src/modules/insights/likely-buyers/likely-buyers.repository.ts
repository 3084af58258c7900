import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { textSettingSql } from '../../../core/settings/settings-sql';
import { ObjectionCategory } from '../../../core/settings/domain/settings';

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

/** What the ranking reads: the customers (in scope) and the time it stands at. */
export interface EvidenceQuery {
  asOf: Date;
  /** The signals' window: the days before asOf, against as many days before those. */
  windowDays: number;
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
 * The evidence of every owned customer in scope that has any (an order, a signal in the
 * window, an approved quote waiting) as it stood at `asOf`, using only what happened before
 * it, so that the backtest can replay a past week with what was known then. One statement.
 *
 * - The purchase cycle is the customer's latest `customer_order_days` row of a day with an
 *   order before asOf (one index probe): the roll-up keeps the cycle as it stood at the end of
 *   each order day. The last order is that day's last, or its first when asOf falls within it.
 * - A quote's status at asOf is the one its last audited event before asOf left (the audit
 *   trail records every status change); it is open when that is `approved` and its validity
 *   has not ended. Its amount is the latest version's.
 * - The last interaction is the latest follow-up, inquiry, signal or order before asOf.
 */
@Injectable()
export class LikelyBuyersRepository {
  constructor(private readonly tx: TransactionHost) {}

  async evidence(query: EvidenceQuery): Promise<EvidenceRow[]> {
    const { params } = query;
    const asOf = `${params.add(query.asOf)}::timestamptz`;
    const window = `make_interval(days => ${params.add(query.windowDays)})`;
    const owner = query.ownerId ? `AND c.owner_id = ${params.add(query.ownerId)}` : '';
    return this.tx.query<EvidenceRow>(
      `WITH scoped AS (
         SELECT c.id, c.name, c.owner_id FROM customers c
         WHERE c.owner_id IS NOT NULL AND ${query.customerScope} ${owner}
       ),
       signal_counts AS (
         SELECT s.customer_id,
           coalesce(sum(s.count) FILTER (WHERE s.at >= ${asOf} - ${window}), 0)::int AS recent,
           coalesce(sum(s.count) FILTER (WHERE s.at < ${asOf} - ${window}), 0)::int AS previous
         FROM signals s JOIN scoped sc ON sc.id = s.customer_id
         WHERE s.at >= ${asOf} - 2 * ${window} AND s.at < ${asOf}
         GROUP BY 1
       ),
       quote_states AS (
         SELECT DISTINCT ON (a.entity_id) a.entity_id::uuid AS quote_id,
           ${QUOTE_STATUS_AFTER_EVENT} AS status
         FROM audit_events a
         WHERE a.entity = 'quote' AND a.action IN ${QUOTE_STATUS_EVENTS} AND a.at < ${asOf}
         ORDER BY a.entity_id, a.seq DESC
       ),
       open_quotes AS (
         SELECT q.customer_id, count(*)::int AS open_quotes,
           sum((q.totals->>'amount')::numeric)::text AS total
         FROM quote_states st JOIN quotes q ON q.id = st.quote_id
         JOIN scoped sc ON sc.id = q.customer_id
         WHERE st.status = 'approved'
           AND (q.valid_until IS NULL
             OR q.valid_until >= (${asOf} AT TIME ZONE ${textSettingSql('timezone')})::date)
         GROUP BY 1
       ),
       -- Materialised, so that the three lookups below run for the candidates only.
       candidates AS MATERIALIZED (
         SELECT sc.id, sc.name, sc.owner_id, cy.order_days, cy.last_order_at,
           cy.median_interval_days, cy.mad_days, sg.recent, sg.previous, oq.open_quotes, oq.total
         FROM scoped sc
         LEFT JOIN LATERAL (
           SELECT d.order_days, d.median_interval_days, d.mad_days,
             CASE WHEN d.last_ordered_at < ${asOf} THEN d.last_ordered_at
               ELSE d.first_ordered_at END AS last_order_at
           FROM customer_order_days d
           WHERE d.customer_id = sc.id AND d.first_ordered_at < ${asOf}
           ORDER BY d.day DESC LIMIT 1
         ) cy ON TRUE
         LEFT JOIN signal_counts sg ON sg.customer_id = sc.id
         LEFT JOIN open_quotes oq ON oq.customer_id = sc.id
         WHERE cy.order_days IS NOT NULL OR sg.customer_id IS NOT NULL
           OR oq.customer_id IS NOT NULL
       )
       SELECT cd.id AS "customerId", cd.name, cd.owner_id AS "ownerId",
         cd.order_days AS "orderDays", cd.last_order_at AS "lastOrderAt",
         cd.median_interval_days AS "medianIntervalDays", cd.mad_days AS "madDays",
         coalesce(cd.recent, 0) AS "recentSignals", coalesce(cd.previous, 0) AS "previousSignals",
         coalesce(cd.open_quotes, 0) AS "openQuotes", coalesce(cd.total, '0') AS "openQuotesTotal",
         coalesce(latest.categories, '{}') AS objections,
         greatest(cd.last_order_at, latest.occurred_at, inquiry.last_at, signal.last_at)
           AS "lastInteractionAt"
       FROM candidates cd
       LEFT JOIN LATERAL (
         SELECT f.occurred_at,
           ARRAY(SELECT DISTINCT o->>'category' FROM jsonb_array_elements(f.objections) o) AS categories
         FROM follow_ups f WHERE f.customer_id = cd.id AND f.occurred_at < ${asOf}
         ORDER BY f.occurred_at DESC, f.id DESC LIMIT 1
       ) latest ON TRUE
       LEFT JOIN LATERAL (
         SELECT max(i.received_at) AS last_at FROM inquiries i
         WHERE i.customer_id = cd.id AND i.received_at < ${asOf}
       ) inquiry ON TRUE
       LEFT JOIN LATERAL (
         SELECT max(s.at) AS last_at FROM signals s WHERE s.customer_id = cd.id AND s.at < ${asOf}
       ) signal ON TRUE`,
      params.values,
    );
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
   * The customers in scope with an order in [from, to): who did buy in a replayed week.
   */
  async buyers(from: Date, to: Date, customerScope: string, params: SqlParams): Promise<string[]> {
    const rows = await this.tx.query<{ customerId: string }>(
      `SELECT DISTINCT o.customer_id AS "customerId"
       FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE o.ordered_at >= ${params.add(from)} AND o.ordered_at < ${params.add(to)}
         AND c.owner_id IS NOT NULL AND ${customerScope}`,
      params.values,
    );
    return rows.map((row) => row.customerId);
  }
}
