import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { SIGNAL_TYPES } from '../../signals/signal.entity';
import { SUMMARY_TEXT_LENGTH, type JourneyEvent } from './domain/journey-summary';

/**
 * One item as the query returns it. `ordinal` tells apart the events of one
 * record of one kind (a quote's versions, its submissions): with `at`, `kind`
 * and `refId` it makes the unique keyset that pages walk.
 */
export type JourneyRow = JourneyEvent & { at: Date; refId: string; ordinal: string };

/** Where a page starts: after this item, in the journey's order (newest first). */
export interface JourneyKeyset {
  at: string;
  kind: string;
  refId: string;
  ordinal: string;
}

export interface JourneyWindow {
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  after?: JourneyKeyset;
  limit: number;
}

/**
 * Signals are indexed by (type, at, customer_id) for the trigger rules, with
 * no customer-first index (see docs/signals.md). Naming every type lets that
 * index serve a window: one range of `at` per type, the customer checked
 * inside the index.
 */
const SIGNAL_TYPE_LIST = SIGNAL_TYPES.map((type) => `'${type}'`).join(', ');

/** One more character than a summary shows, so that it knows to add `…`. */
const TEXT = SUMMARY_TEXT_LENGTH + 1;

/**
 * Every source of the timeline, one SELECT each, over the customer `$1`, all
 * with the columns (at, kind, ref_id, ordinal, facts). Each is served by the
 * source's (customer_id, time) index, or its quotes'. A quote's submissions are dated by its audit events, as no
 * column keeps them; audit times carry microseconds, which the cursor (a
 * JavaScript Date) would lose, so they are cut to milliseconds like the rest.
 */
const SOURCES = `
  SELECT s.at, 'signal' AS kind, s.id::text AS ref_id, 0::bigint AS ordinal,
         jsonb_build_object('type', s.type, 'count', s.count) AS facts
    FROM signals s WHERE s.type IN (${SIGNAL_TYPE_LIST}) AND s.customer_id = $1
  UNION ALL
  SELECT i.received_at, 'inquiry', i.id::text, 0,
         jsonb_build_object('channel', i.channel, 'content', left(i.content, ${TEXT}))
    FROM inquiries i WHERE i.customer_id = $1
  UNION ALL
  SELECT f.occurred_at, 'follow_up', f.id::text, 0,
         jsonb_build_object('channel', f.channel, 'minutes', left(f.summary, ${TEXT}),
           'objections', (SELECT coalesce(jsonb_agg(DISTINCT o->>'category'), '[]')
                            FROM jsonb_array_elements(f.objections) o))
    FROM follow_ups f WHERE f.customer_id = $1
  UNION ALL
  SELECT v.created_at, 'quote_version', q.id::text, v.version,
         jsonb_build_object('number', q.number, 'version', v.version, 'amount', v.totals->>'amount')
    FROM quotes q JOIN quote_versions v ON v.quote_id = q.id WHERE q.customer_id = $1
  UNION ALL
  SELECT date_trunc('milliseconds', a.at), 'quote', q.id::text, a.seq,
         jsonb_build_object('event', 'submitted', 'number', q.number,
           'version', (a.data->>'version')::int,
           'approvalRequired', coalesce((a.data->>'approvalRequired')::boolean, false))
    FROM quotes q
    JOIN audit_events a ON a.entity = 'quote' AND a.entity_id = q.id::text AND a.action = 'submitted'
   WHERE q.customer_id = $1
  UNION ALL
  SELECT q.lost_at, 'quote', q.id::text, 0,
         jsonb_build_object('event', 'lost', 'number', q.number, 'reason', left(q.lost_reason, ${TEXT}))
    FROM quotes q WHERE q.customer_id = $1 AND q.lost_at IS NOT NULL
  UNION ALL
  SELECT st.decided_at, 'approval', st.id::text, 0,
         jsonb_build_object('number', q.number, 'version', st.quote_version, 'role', st.role,
           'decision', st.status)
    FROM quotes q JOIN approval_steps st ON st.quote_id = q.id
   WHERE q.customer_id = $1 AND st.status IN ('approved', 'rejected') AND st.decided_at IS NOT NULL
  UNION ALL
  SELECT c.signed_at, 'contract', c.id::text, 0,
         jsonb_build_object('contractNo', c.contract_no, 'quoteNumber', q.number,
           'amount', c.amount::text)
    FROM contracts c JOIN quotes q ON q.id = c.quote_id WHERE c.customer_id = $1
  UNION ALL
  SELECT o.ordered_at, 'order', o.id::text, 0,
         jsonb_build_object('amount', o.amount::text, 'contractNo', oc.contract_no)
    FROM orders o LEFT JOIN contracts oc ON oc.id = o.contract_id WHERE o.customer_id = $1
  UNION ALL
  SELECT t.created_at, 'ticket', t.id::text, 0,
         jsonb_build_object('ticketKind', t.kind, 'subject', left(t.subject, ${TEXT}))
    FROM tickets t WHERE t.customer_id = $1`;

/** The customer journey's SQL: one statement whatever the history's size. */
@Injectable()
export class JourneyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The customer's items in `window`, newest first; ties (one instant) by
   * kind, record and ordinal, descending, so that the order is total and a
   * keyset resumes it exactly. The outer WHERE is pushed into each SELECT.
   */
  async items(customerId: string, window: JourneyWindow): Promise<JourneyRow[]> {
    const params = new SqlParams();
    params.add(customerId);
    const where = ['TRUE'];
    if (window.from) where.push(`j.at >= ${params.add(window.from)}::timestamptz`);
    if (window.to) where.push(`j.at < ${params.add(window.to)}::timestamptz`);
    if (window.after) {
      const { at, kind, refId, ordinal } = window.after;
      where.push(
        `(j.at, j.kind, j.ref_id, j.ordinal) < (${params.add(at)}::timestamptz, ` +
          `${params.add(kind)}::text, ${params.add(refId)}::text, ${params.add(ordinal)}::bigint)`,
      );
    }
    return this.tx.query<JourneyRow>(
      `SELECT j.at, j.kind, j.ref_id AS "refId", j.ordinal, j.facts
         FROM (${SOURCES}) j
        WHERE ${where.join(' AND ')}
        ORDER BY j.at DESC, j.kind DESC, j.ref_id DESC, j.ordinal DESC
        LIMIT ${params.add(window.limit)}`,
      params.values,
    );
  }
}
