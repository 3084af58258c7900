import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { orgDayStartSql } from '../metric-range';

/** One week's counts as the SQL below returns them. */
export interface WeekCountsRow {
  /** The week's Monday, `YYYY-MM-DD`. */
  day: string;
  /** The week's bounds in the organisation's zone. */
  startsAt: Date;
  endsAt: Date;
  lead: number;
  contacted: number;
  quoted: number;
  won: number;
  quotesWon: number;
  quotesLost: number;
}

/** A week's closed quotes, org-wide. */
export interface ClosedWeekRow {
  day: string;
  startsAt: Date;
  endsAt: Date;
  won: number;
  lost: number;
}

/** A quote lost in a week, for the anomaly's root-cause task. */
export interface LostQuoteRow {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  amount: string;
  reason: string | null;
  lostAt: Date;
}

/**
 * The weeks as rows: `day` (the Monday), `lo` and `hi` (its bounds in the
 * organisation's zone), from a `date[]` parameter.
 */
const weeksCte = (daysParam: string) => `weeks AS (
    SELECT w.day, ${orgDayStartSql('w.day')} AS lo, ${orgDayStartSql('w.day + 7')} AS hi
    FROM unnest(${daysParam}::date[]) AS w(day)
  )`;

/**
 * Closed quotes with the instant they closed: won at their contract's
 * signedAt, lost at their lose time (API.md §8), of customers matching
 * `scopeSql` (over `c.owner_id`). Needs the `weeks` CTE.
 */
const closedCte = (scopeSql: string) => `closed AS (
    SELECT k.signed_at AS at, true AS won
    FROM contracts k JOIN customers c ON c.id = k.customer_id
    WHERE ${scopeSql}
      AND k.signed_at >= (SELECT min(lo) FROM weeks) AND k.signed_at < (SELECT max(hi) FROM weeks)
    UNION ALL
    SELECT q.lost_at, false
    FROM quotes q JOIN customers c ON c.id = q.customer_id
    WHERE q.status = 'lost' AND ${scopeSql}
      AND q.lost_at >= (SELECT min(lo) FROM weeks) AND q.lost_at < (SELECT max(hi) FROM weeks)
  )`;

/**
 * SQL behind the funnel and its anomaly job. The stages come from the
 * roll-up customer_funnel_stages (CustomerFunnelStageEntity): when each
 * customer first reached each stage, `lead` at its creation,
 * `contacted`/`quoted`/`won` at each follow-up that set that stage (its
 * occurredAt), `quoted` at each quote's creation and `won` at each contract's
 * signedAt; reaching a later stage counts as reaching the earlier ones (lead <
 * contacted < quoted < won), so a customer quoted without a recorded contact
 * still counts as contacted then, and a week never counts a customer twice
 * for one stage. `lost` is not a funnel stage.
 */
@Injectable()
export class FunnelRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Per week (the Mondays in `days`), the customers first reaching each stage and the quotes
   * closed. `reached` is MATERIALIZED so that the range's roll-up rows are read once, not once
   * per week by the LATERAL.
   */
  weekly(days: string[], params: SqlParams, scopeSql: string): Promise<WeekCountsRow[]> {
    const daysParam = params.add(days);
    return this.tx.query<WeekCountsRow>(
      `WITH ${weeksCte(daysParam)},
       reached AS MATERIALIZED (
         SELECT s.rank, s.reached_at AS at
         FROM customer_funnel_stages s JOIN customers c ON c.id = s.customer_id
         WHERE s.reached_at >= (SELECT min(lo) FROM weeks) AND s.reached_at < (SELECT max(hi) FROM weeks)
           AND ${scopeSql}
       ),
       ${closedCte(scopeSql)}
       SELECT to_char(w.day, 'YYYY-MM-DD') AS day, w.lo AS "startsAt", w.hi AS "endsAt",
         st.lead, st.contacted, st.quoted, st.won, cl.won AS "quotesWon", cl.lost AS "quotesLost"
       FROM weeks w
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE r.rank = 0)::int AS lead,
           count(*) FILTER (WHERE r.rank = 1)::int AS contacted,
           count(*) FILTER (WHERE r.rank = 2)::int AS quoted,
           count(*) FILTER (WHERE r.rank = 3)::int AS won
         FROM reached r WHERE r.at >= w.lo AND r.at < w.hi
       ) st
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE c.won)::int AS won, count(*) FILTER (WHERE NOT c.won)::int AS lost
         FROM closed c WHERE c.at >= w.lo AND c.at < w.hi
       ) cl
       ORDER BY w.day`,
      params.values,
    );
  }

  /** Per week (the Mondays in `days`), the quotes won and lost org-wide: the anomaly job's input. */
  closedByWeek(days: string[]): Promise<ClosedWeekRow[]> {
    return this.tx.query<ClosedWeekRow>(
      `WITH ${weeksCte('$1')}, ${closedCte('TRUE')}
       SELECT to_char(w.day, 'YYYY-MM-DD') AS day, w.lo AS "startsAt", w.hi AS "endsAt",
         count(c.at) FILTER (WHERE c.won)::int AS won, count(c.at) FILTER (WHERE NOT c.won)::int AS lost
       FROM weeks w LEFT JOIN closed c ON c.at >= w.lo AND c.at < w.hi
       GROUP BY w.day, w.lo, w.hi ORDER BY w.day`,
      [days],
    );
  }

  /** The quotes lost in the week starting on `day`, org-wide, largest amount first. */
  lostIn(day: string): Promise<LostQuoteRow[]> {
    return this.tx.query<LostQuoteRow>(
      `WITH ${weeksCte('$1')}
       SELECT q.id, q.number, q.customer_id AS "customerId", c.name AS "customerName",
         q.totals->>'amount' AS amount,
         q.lost_reason AS reason, q.lost_at AS "lostAt"
       FROM weeks w
       JOIN quotes q ON q.status = 'lost' AND q.lost_at >= w.lo AND q.lost_at < w.hi
       JOIN customers c ON c.id = q.customer_id
       ORDER BY (q.totals->>'amount')::numeric DESC, q.number`,
      [[day]],
    );
  }
}
