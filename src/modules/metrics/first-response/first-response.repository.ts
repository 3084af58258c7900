import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { integerSettingSql, textSettingSql } from '../../../core/settings/settings-sql';
import type { RepOrTeam } from '../dto/metric-query.dto';
import { MetricRange, orgDayStartSql } from '../metric-range';
import { OWNER_GROUPS } from '../owner-groups';

/** One group's figures, or the total's (`total`), as the statement returns them. */
export interface FirstResponseRow {
  targetMinutes: number;
  timezone: string;
  total: boolean;
  key: string | null;
  name: string | null;
  count: number;
  responded: number;
  /** numeric as text, 2 places; null without a response. */
  medianMinutes: string | null;
  p90Minutes: string | null;
  /** Responses within target. */
  within: number;
  /** The denominator of the share: responded, plus unanswered older than the target. */
  counted: number;
}

/** The setting firstResponseTargetMinutes, read by the statement itself. */
const TARGET_SQL = integerSettingSql('firstResponseTargetMinutes');

/** The pool's group name, as Chinese teams call it. */
export const POOL_NAME = '公海';
@Injectable()
export class FirstResponseRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The metric in one statement: the inquiries received in the range (days
   * in the organisation's zone) of customers that `scopeSql` (over
   * `c.owner_id`, built on `params`) admits, each with its first follow-up
   * at or after it (a LATERAL probe of follow_ups_customer_occurred_idx),
   * aggregated per group and in total by GROUPING SETS. `percentile_disc` is
   * the nearest rank (ignoring unanswered rows, whose response is null).
   * The settings row is LEFT JOINed to the inquiries so that an empty range
   * still answers its total; the one empty group that join makes has count 0
   * and is dropped by the caller.
   */
  async measure(
    range: MetricRange,
    groupBy: RepOrTeam,
    params: SqlParams,
    scopeSql: string,
  ): Promise<FirstResponseRow[]> {
    const from = orgDayStartSql(params.add(range.from));
    const to = orgDayStartSql(params.add(range.to));
    const group = OWNER_GROUPS[groupBy];
    return this.tx.query<FirstResponseRow>(
      `WITH s AS (SELECT ${TARGET_SQL} AS target, ${textSettingSql('timezone')} AS timezone),
       m AS (
         SELECT c.owner_id IS NULL AS pool,
           CASE WHEN c.owner_id IS NULL THEN NULL ELSE ${group.key} END AS key,
           CASE WHEN c.owner_id IS NULL THEN '${POOL_NAME}' ELSE ${group.name} END AS name,
           EXTRACT(EPOCH FROM r.occurred_at - i.received_at) / 60 AS response,
           EXTRACT(EPOCH FROM now() - i.received_at) / 60 AS age
         FROM inquiries i
         JOIN customers c ON c.id = i.customer_id
         LEFT JOIN users u ON u.id = c.owner_id
         ${group.join}
         LEFT JOIN LATERAL (
           SELECT f.occurred_at FROM follow_ups f
           WHERE f.customer_id = i.customer_id AND f.occurred_at >= i.received_at
           ORDER BY f.occurred_at LIMIT 1
         ) r ON TRUE
         WHERE i.received_at >= ${from} AND i.received_at < ${to} AND ${scopeSql}
       )
       SELECT s.target AS "targetMinutes", s.timezone,
         GROUPING(m.pool, m.key, m.name) <> 0 AS total, m.key, m.name,
         count(m.pool)::int AS count, count(m.response)::int AS responded,
         round(percentile_disc(0.5) WITHIN GROUP (ORDER BY m.response), 2)::text AS "medianMinutes",
         round(percentile_disc(0.9) WITHIN GROUP (ORDER BY m.response), 2)::text AS "p90Minutes",
         count(*) FILTER (WHERE m.response <= s.target)::int AS within,
         count(*) FILTER (WHERE m.response IS NOT NULL OR m.age > s.target)::int AS counted
       FROM s LEFT JOIN m ON TRUE
       GROUP BY s.target, s.timezone, GROUPING SETS ((m.pool, m.key, m.name), ())
       ORDER BY total DESC, m.pool, m.name, m.key`,
      params.values,
    );
  }
}
