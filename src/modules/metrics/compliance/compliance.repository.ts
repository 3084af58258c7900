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

/** The caller's data scope as a SQL predicate over an owner-id column. */
export type OwnerScope = (ownerColumn: string) => string;

/**
 * The action-compliance metric in one statement: per owner, the obligations
 * due in the range and the quotes needing approval whose contract was signed
 * in it, each with how many were fulfilled; summed per group and in total
 * (GROUPING SETS). Each is counted for the rep it measures (the obligation's
 * or the contract's owner), in `scope` over that owner.
 *
 * Obligations come from the daily roll-up `owner_day_obligations` (every
 * obligation by due day, fulfilled or not), minus those not yet settled
 * (neither fulfilled nor past their grace, so neither done nor missed yet),
 * read from the table by `follow_up_obligations_open_grace_idx`. An
 * obligation is fulfilled when the follow-ups module recorded a fulfilling
 * touch (`fulfilled_at`, set only for a touch after the promise and by
 * `grace_until`, API.md §4). A quote's approval ended at the last decision of
 * its contracted version's latest round, when every step of that round
 * approved.
 */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly tx: TransactionHost) {}

  counts(
    range: MetricRange,
    groupBy: RepOrTeam,
    params: SqlParams,
    scope: OwnerScope,
  ): Promise<ComplianceRow[]> {
    const fromDay = params.add(range.from);
    const toDay = params.add(range.to);
    const lo = orgDayStartSql(fromDay);
    const hi = orgDayStartSql(toDay);
    const { key, join: keyJoin } = OWNER_GROUPS[groupBy].keyOf('d.user_id');
    const { name, join: nameJoin } = OWNER_GROUPS[groupBy].nameOf('g.key');
    return this.tx.query<ComplianceRow>(
      `WITH due(user_id, due, fulfilled) AS (
         SELECT r.owner_id, sum(r.due), sum(r.fulfilled)
         FROM owner_day_obligations r
         WHERE r.day >= ${fromDay}::date AND r.day < ${toDay}::date AND ${scope('r.owner_id')}
         GROUP BY r.owner_id
         UNION ALL
         SELECT o.owner_id, -count(*), 0
         FROM follow_up_obligations o
         WHERE o.fulfilled_at IS NULL AND o.grace_until >= now()
           AND o.due_at >= ${lo} AND o.due_at < ${hi} AND ${scope('o.owner_id')}
         GROUP BY o.owner_id
         UNION ALL
         SELECT k.owner_id, count(*), count(*) FILTER (WHERE a.approved_at <= k.signed_at)
         FROM contracts k
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
         WHERE k.signed_at >= ${lo} AND k.signed_at < ${hi} AND ${scope('k.owner_id')}
         GROUP BY k.owner_id
       ),
       g AS (
         SELECT grouping(${key}) = 1 AS total, ${key} AS key,
           coalesce(sum(d.due), 0)::int AS due, coalesce(sum(d.fulfilled), 0)::int AS fulfilled
         FROM due d ${keyJoin}
         GROUP BY GROUPING SETS ((${key}), ())
         HAVING grouping(${key}) = 1 OR sum(d.due) > 0
       )
       SELECT g.total, g.key, ${name} AS name, g.due, g.fulfilled
       FROM g ${nameJoin}
       ORDER BY g.total DESC, name, g.key`,
      params.values,
    );
  }
}
