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

/**
 * Memory for the statement's sorts (the median sorts every response in the
 * range): 90 days of a 200-rep book is about 250,000 responses, which spill
 * to disk at PostgreSQL's default 4 MB.
 */
const SORT_WORK_MEM = '32MB';

/**
 * One group's figures, over `m`: nearest-rank percentiles (`percentile_disc`,
 * ignoring unanswered rows, whose response is null) of the response in
 * milliseconds, shown in minutes to 2 places.
 */
const FIGURES_SQL = `count(*)::int AS count, count(m.response_ms)::int AS responded,
  round(percentile_disc(0.5) WITHIN GROUP (ORDER BY m.response_ms) / 60000.0, 2)::text AS "medianMinutes",
  round(percentile_disc(0.9) WITHIN GROUP (ORDER BY m.response_ms) / 60000.0, 2)::text AS "p90Minutes",
  count(*) FILTER (WHERE m.response_ms <= (SELECT target FROM s) * 60000)::int AS within,
  count(*) FILTER (WHERE m.response_ms IS NOT NULL
    OR m.received_at < now() - make_interval(mins => (SELECT target FROM s)))::int AS counted`;

@Injectable()
export class FirstResponseRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The metric in one statement, over the roll-up `inquiry_responses` (one
   * row per inquiry with its customer's owner and response time, kept by
   * triggers, so never stale): the inquiries received in the range (days in
   * the organisation's zone) whose owner `scopeSql` (over `r.owner_id`, built
   * on `params`) admits, read from one covering index, with their figures
   * per group and in total. The total is its own aggregate over the range
   * (scanned twice: cheaper than keeping it), so it answers even when empty.
   */
  async measure(
    range: MetricRange,
    groupBy: RepOrTeam,
    params: SqlParams,
    scopeSql: string,
  ): Promise<FirstResponseRow[]> {
    const from = orgDayStartSql(params.add(range.from));
    const to = orgDayStartSql(params.add(range.to));
    const { key, join: keyJoin } = OWNER_GROUPS[groupBy].keyOf('r.owner_id');
    const { name, join: nameJoin } = OWNER_GROUPS[groupBy].nameOf('f.key');
    return this.tx.withTransaction(async () => {
      await this.tx.query(`SET LOCAL work_mem = '${SORT_WORK_MEM}'`);
      return this.tx.query<FirstResponseRow>(
        `WITH s AS (SELECT ${TARGET_SQL} AS target, ${textSettingSql('timezone')} AS timezone),
         m AS NOT MATERIALIZED (
           SELECT r.owner_id IS NULL AS pool,
             CASE WHEN r.owner_id IS NULL THEN NULL ELSE ${key} END AS key,
             r.response_ms, r.received_at
           FROM inquiry_responses r ${keyJoin}
           WHERE r.received_at >= ${from} AND r.received_at < ${to} AND ${scopeSql}
         ),
         figures AS (
           SELECT false AS total, m.pool, m.key, ${FIGURES_SQL} FROM m GROUP BY m.pool, m.key
           UNION ALL
           SELECT true, NULL, NULL, ${FIGURES_SQL} FROM m
         )
         SELECT s.target AS "targetMinutes", s.timezone, f.total, f.key,
           CASE WHEN f.total THEN NULL WHEN f.pool THEN '${POOL_NAME}' ELSE ${name} END AS name,
           f.count, f.responded, f."medianMinutes", f."p90Minutes", f.within, f.counted
         FROM s CROSS JOIN figures f ${nameJoin}
         ORDER BY f.total DESC, f.pool, name, f.key`,
        params.values,
      );
    });
  }
}
