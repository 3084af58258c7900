import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { RepOrTeam } from '../dto/metric-query.dto';
import { MetricRange, orgDayStartSql } from '../metric-range';
import { OWNER_GROUPS } from '../owner-groups';

/** One group's counts; the row with `total` set is the whole range. */
export interface ComplianceRow {
  total: boolean;
  key: string | null;
  name: string | null;
  due: number;
  fulfilled: number;
}

/**
 * The action-compliance metric in one statement: the obligations due in the
 * range, and the quotes needing approval whose contract was signed in it,
 * each with whether it was fulfilled; counted per group and in total
 * (GROUPING SETS). An obligation is due at its `due_at`; it is fulfilled when
 * the follow-ups module recorded a fulfilling touch (`fulfilled_at`, set only
 * for a touch after the promise and by `grace_until`, API.md §4); one with
 * neither a touch nor its grace over is not settled, and left out. A quote's
 * approval ended at the last decision of its contracted version's latest
 * round, when every step of that round approved.
 */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly tx: TransactionHost) {}

  counts(
    range: MetricRange,
    groupBy: RepOrTeam,
    params: SqlParams,
    scopeSql: string,
  ): Promise<ComplianceRow[]> {
    const lo = orgDayStartSql(params.add(range.from));
    const hi = orgDayStartSql(params.add(range.to));
    const group = OWNER_GROUPS[groupBy];
    return this.tx.query<ComplianceRow>(
      `WITH due AS (
         SELECT o.owner_id AS user_id, o.fulfilled_at IS NOT NULL AS fulfilled
         FROM follow_up_obligations o JOIN customers c ON c.id = o.customer_id
         WHERE o.due_at >= ${lo} AND o.due_at < ${hi}
           AND (o.fulfilled_at IS NOT NULL OR o.grace_until < now()) AND ${scopeSql}
         UNION ALL
         SELECT q.owner_id, coalesce(a.approved_at <= k.signed_at, false)
         FROM contracts k
         JOIN quotes q ON q.id = k.quote_id
         JOIN customers c ON c.id = q.customer_id
         JOIN quote_versions v
           ON v.quote_id = k.quote_id AND v.version = k.quote_version AND v.approval_required
         LEFT JOIN LATERAL (
           SELECT max(s.decided_at) AS approved_at
           FROM approval_steps s
           WHERE s.quote_id = k.quote_id AND s.quote_version = k.quote_version
             AND s.round = (SELECT max(r.round) FROM approval_steps r
                            WHERE r.quote_id = k.quote_id AND r.quote_version = k.quote_version)
           HAVING bool_and(s.status = 'approved')
         ) a ON true
         WHERE k.signed_at >= ${lo} AND k.signed_at < ${hi} AND ${scopeSql}
       )
       SELECT grouping(${group.key}) = 1 AS total, ${group.key} AS key, min(${group.name}) AS name,
         count(*)::int AS due, count(*) FILTER (WHERE d.fulfilled)::int AS fulfilled
       FROM due d LEFT JOIN users u ON u.id = d.user_id ${group.join}
       GROUP BY GROUPING SETS ((${group.key}), ())
       ORDER BY total DESC, name, key`,
      params.values,
    );
  }
}
