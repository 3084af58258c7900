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
 * The weeks as rows: `n` (1 for the earliest), `day` (the Monday), `lo` and
 * `hi` (its bounds in the organisation's zone), from a `date[]` parameter;
 * and `bounds`: the earliest `lo`, the latest `hi`, and every `lo` in order,
 * for `weekOf`.
 */
const weeksCte = (daysParam: string) => `weeks AS (
    SELECT row_number() OVER (ORDER BY w.day)::int AS n, w.day,
      ${orgDayStartSql('w.day')} AS lo, ${orgDayStartSql('w.day + 7')} AS hi
    FROM unnest(${daysParam}::date[]) AS w(day)
  ),
  bounds AS (SELECT min(lo) AS lo, max(hi) AS hi, array_agg(lo ORDER BY lo) AS starts FROM weeks)`;

/** `at` (a timestamptz column) lies in the weeks' span. */
const inSpan = (at: string) =>
  `${at} >= (SELECT lo FROM bounds) AND ${at} < (SELECT hi FROM bounds)`;

/**
 * Joins the week `w` that `at` (in the weeks' span) falls in: a binary search
 * of the weeks' starts (width_bucket), then its end, for weeks that do not
 * follow one another. Cheaper per row than converting `at` to a local date.
 */
const joinWeekOf = (at: string) =>
  `JOIN weeks w ON w.n = width_bucket(${at}, (SELECT starts FROM bounds)) AND ${at} < w.hi`;

/**
 * The customers in `scopeSql` (over `c.owner_id`), as the CTE `in_scope`,
 * read once by the owner index and hashed against each source; none for a
 * caller who sees everything. (An `EXISTS` per row made the planner probe the
 * customer of each of the range's rows.)
 */
const inScopeCte = (scopeSql: string) =>
  scopeSql === 'TRUE'
    ? ''
    : `in_scope AS MATERIALIZED (SELECT c.id FROM customers c WHERE ${scopeSql}),`;

/** The customer `customerColumn` is in `scopeSql`, given `inScopeCte`. */
const customerInScope = (scopeSql: string, customerColumn: string) =>
  scopeSql === 'TRUE' ? 'TRUE' : `${customerColumn} IN (SELECT id FROM in_scope)`;

/**
 * Per week `n`, the quotes closed in it: won at their contract's signedAt,
 * lost at their lose time (API.md §8), of customers in `scopeSql`. Needs
 * `weeksCte` and `inScopeCte`.
 */
const closedCte = (scopeSql: string) => `closed AS (
    SELECT w.n, count(*) FILTER (WHERE x.won)::int AS won, count(*) FILTER (WHERE NOT x.won)::int AS lost
    FROM (
      SELECT k.signed_at AS at, true AS won FROM contracts k
      WHERE ${inSpan('k.signed_at')} AND ${customerInScope(scopeSql, 'k.customer_id')}
      UNION ALL
      SELECT q.lost_at, false FROM quotes q
      WHERE q.status = 'lost' AND ${inSpan('q.lost_at')}
        AND ${customerInScope(scopeSql, 'q.customer_id')}
    ) x ${joinWeekOf('x.at')}
    GROUP BY w.n
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
 *
 * Each source is read once over the weeks' span and counted per week (not
 * once per week), so the cost grows with the rows in range, not with the
 * number of weeks.
 */
@Injectable()
export class FunnelRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Per week (the Mondays in `days`), the customers first reaching each stage and the quotes closed. */
  weekly(days: string[], params: SqlParams, scopeSql: string): Promise<WeekCountsRow[]> {
    const daysParam = params.add(days);
    return this.tx.query<WeekCountsRow>(
      `WITH ${inScopeCte(scopeSql)} ${weeksCte(daysParam)},
       stages AS (
         SELECT w.n,
           count(*) FILTER (WHERE s.rank = 0)::int AS lead,
           count(*) FILTER (WHERE s.rank = 1)::int AS contacted,
           count(*) FILTER (WHERE s.rank = 2)::int AS quoted,
           count(*) FILTER (WHERE s.rank = 3)::int AS won
         FROM customer_funnel_stages s ${joinWeekOf('s.reached_at')}
         WHERE ${inSpan('s.reached_at')} AND ${customerInScope(scopeSql, 's.customer_id')}
         GROUP BY w.n
       ),
       ${closedCte(scopeSql)}
       SELECT to_char(w.day, 'YYYY-MM-DD') AS day, w.lo AS "startsAt", w.hi AS "endsAt",
         coalesce(st.lead, 0) AS lead, coalesce(st.contacted, 0) AS contacted,
         coalesce(st.quoted, 0) AS quoted, coalesce(st.won, 0) AS won,
         coalesce(cl.won, 0) AS "quotesWon", coalesce(cl.lost, 0) AS "quotesLost"
       FROM weeks w LEFT JOIN stages st ON st.n = w.n LEFT JOIN closed cl ON cl.n = w.n
       ORDER BY w.day`,
      params.values,
    );
  }

  /** Per week (the Mondays in `days`), the quotes won and lost org-wide: the anomaly job's input. */
  closedByWeek(days: string[]): Promise<ClosedWeekRow[]> {
    return this.tx.query<ClosedWeekRow>(
      `WITH ${weeksCte('$1')}, ${closedCte('TRUE')}
       SELECT to_char(w.day, 'YYYY-MM-DD') AS day, w.lo AS "startsAt", w.hi AS "endsAt",
         coalesce(c.won, 0) AS won, coalesce(c.lost, 0) AS lost
       FROM weeks w LEFT JOIN closed c ON c.n = w.n
       ORDER BY w.day`,
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
