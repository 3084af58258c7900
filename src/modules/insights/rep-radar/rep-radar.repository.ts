import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { MetricRange, orgDayStartSql } from '../../metrics/metric-range';
import { BASE_WEEKS } from '../../metrics/repurchase/domain/repurchase-rate';

/** The user a radar is drawn for, and the team its percentiles rank within. */
export interface RadarSubject {
  userId: string;
  name: string;
  /** The user and the active reps of its org unit, the user first. */
  teamIds: string[];
}

/** One team member's counts for the axes this repository computes. */
export interface MemberFiguresRow {
  userId: string;
  won: number;
  lost: number;
  /** numeric as text, unrounded; null with no offered quote. */
  meanDiscountPct: string | null;
  followUps: number;
  withTranscript: number;
  withObjections: number;
  base: number;
  repurchased: number;
}

/**
 * SQL of the rep radar (API.md §11) beyond what the metrics' own statements
 * give (first response and compliance): win rate, price discipline,
 * follow-up depth and repurchase, for every member of a team at once, since
 * the percentiles need them all. Each source is read through its owner:
 * quotes by `quotes_owner_status_idx`, customers by their owner index and
 * then their follow-ups and orders by customer and time.
 */
@Injectable()
export class RepRadarRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The user, if within `userScope` (the caller's data scope over `u.id`, so
   * a user is visible iff its customers are), with its team: itself and the
   * active users with the rep role in its org unit.
   */
  async subject(
    userId: string,
    params: SqlParams,
    userScope: string,
  ): Promise<RadarSubject | undefined> {
    const id = params.add(userId);
    const [row] = await this.tx.query<RadarSubject>(
      `SELECT u.id AS "userId", u.display_name AS name,
         ARRAY(
           SELECT t.id FROM users t
           WHERE t.id = u.id
             OR (t.org_unit_id = u.org_unit_id AND t.active AND 'rep' = ANY (t.roles))
           ORDER BY t.id <> u.id, t.id
         )::text[] AS "teamIds"
       FROM users u
       WHERE u.id = ${id} AND ${userScope}`,
      params.values,
    );
    return row;
  }

  /**
   * One row per member of `teamIds`, over the range (days in the
   * organisation's zone):
   * - quotes closed: won at their contract's signedAt, lost at their lostAt,
   *   as the funnel closes them, for the quote's owner (the rep who closed it);
   * - quotes offered: created in the range and not a draft, with the mean of
   *   their discounts, a quote's discount being its largest line discount
   *   and 0 when no line is below list (as the approval policy reads it);
   * - follow-ups that the owner of the customer recorded itself, and those
   *   with a transcript and with objections;
   * - the customers owned with an order in the 4 weeks before the range
   *   (the repurchase base), and those of them ordering again in it.
   */
  async memberFigures(teamIds: string[], range: MetricRange): Promise<MemberFiguresRow[]> {
    const params = new SqlParams();
    const team = `${params.add(teamIds)}::uuid[]`;
    const fromDay = params.add(range.from);
    const lo = orgDayStartSql(fromDay);
    const hi = orgDayStartSql(params.add(range.to));
    const baseLo = orgDayStartSql(`${fromDay}::date - ${BASE_WEEKS * 7}`);
    return this.tx.query<MemberFiguresRow>(
      `WITH bounds AS (SELECT ${lo} AS lo, ${hi} AS hi, ${baseLo} AS base_lo),
       closed AS (
         SELECT q.owner_id AS user_id,
           count(*) FILTER (WHERE q.status = 'won')::int AS won,
           count(*) FILTER (WHERE q.status = 'lost')::int AS lost
         FROM quotes q LEFT JOIN contracts k ON k.quote_id = q.id
         CROSS JOIN LATERAL (
           SELECT CASE q.status WHEN 'won' THEN k.signed_at ELSE q.lost_at END AS at
         ) c
         WHERE q.owner_id = ANY (${team}) AND q.status IN ('won', 'lost')
           AND c.at >= (SELECT lo FROM bounds) AND c.at < (SELECT hi FROM bounds)
         GROUP BY q.owner_id
       ),
       offered AS (
         SELECT q.owner_id AS user_id, avg(d.pct)::text AS mean_pct
         FROM quotes q
         JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.version
         CROSS JOIN LATERAL (
           SELECT greatest(coalesce(max((l->>'discountPct')::numeric), 0), 0) AS pct
           FROM jsonb_array_elements(v.lines) l
         ) d
         WHERE q.owner_id = ANY (${team}) AND q.status <> 'draft'
           AND q.created_at >= (SELECT lo FROM bounds) AND q.created_at < (SELECT hi FROM bounds)
         GROUP BY q.owner_id
       ),
       depth AS (
         SELECT c.owner_id AS user_id, count(*)::int AS follow_ups,
           count(*) FILTER (WHERE jsonb_array_length(f.transcript) > 0)::int AS with_transcript,
           count(*) FILTER (WHERE jsonb_array_length(f.objections) > 0)::int AS with_objections
         FROM customers c
         JOIN follow_ups f ON f.customer_id = c.id AND f.author_id = c.owner_id
         WHERE c.owner_id = ANY (${team})
           AND f.occurred_at >= (SELECT lo FROM bounds) AND f.occurred_at < (SELECT hi FROM bounds)
         GROUP BY c.owner_id
       ),
       repurchase AS (
         SELECT c.owner_id AS user_id, count(*)::int AS base,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM orders o
             WHERE o.customer_id = c.id
               AND o.ordered_at >= (SELECT lo FROM bounds) AND o.ordered_at < (SELECT hi FROM bounds)
           ))::int AS repurchased
         FROM customers c
         WHERE c.owner_id = ANY (${team}) AND EXISTS (
           SELECT 1 FROM orders o
           WHERE o.customer_id = c.id
             AND o.ordered_at >= (SELECT base_lo FROM bounds) AND o.ordered_at < (SELECT lo FROM bounds)
         )
         GROUP BY c.owner_id
       )
       SELECT t.user_id AS "userId",
         coalesce(cl.won, 0) AS won, coalesce(cl.lost, 0) AS lost,
         o.mean_pct AS "meanDiscountPct",
         coalesce(d.follow_ups, 0) AS "followUps",
         coalesce(d.with_transcript, 0) AS "withTranscript",
         coalesce(d.with_objections, 0) AS "withObjections",
         coalesce(r.base, 0) AS base, coalesce(r.repurchased, 0) AS repurchased
       FROM unnest(${team}) AS t(user_id)
       LEFT JOIN closed cl USING (user_id)
       LEFT JOIN offered o USING (user_id)
       LEFT JOIN depth d USING (user_id)
       LEFT JOIN repurchase r USING (user_id)`,
      params.values,
    );
  }
}
