import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { MetricRange, orgDayStartSql } from '../metric-range';
import type { HeatmapGroupBy } from './domain/heatmap-svg';

export interface HeatmapMemberRow {
  userId: string;
  name: string;
  /** Money, 2 places. */
  revenue: string;
  orders: number;
}

export interface HeatmapUnitRow {
  orgUnitId: string;
  name: string;
  managerId: string | null;
  headcount: number;
  /** Money, 2 places. */
  revenue: string;
  members: HeatmapMemberRow[];
}

export interface DrilldownOrderRow {
  orderId: string;
  /** As JSON gives it: `2026-11-20T15:30:00+08:00` in the session's zone. */
  orderedAt: string;
  amount: string;
  customerId: string;
  customerName: string;
}

export interface DrilldownRow {
  userId: string;
  name: string;
  orders: DrilldownOrderRow[];
}

/**
 * SQL of the performance heatmap (API.md §8). An order counts for the user who
 * owns its customer (`customers.owner_id`) when the heatmap is read, as data
 * scope does: orders carry no owner of their own, and `created_by` is whoever
 * reported the sale (often an integrator's key).
 */
@Injectable()
export class HeatmapRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One row per org unit of type `groupBy`, with the active reps (role `rep`)
   * whose org unit lies in its subtree, each with the orders of its customers
   * in the range, summed from the daily roll-up `owner_day_orders` (kept by
   * triggers in the writing transaction, so never stale). `memberScope` is
   * the caller's data scope over `u.id`, so a member is visible iff its
   * customers are; `allUnits` keeps units with no visible member (callers who
   * see everything), others only get the units that hold one of theirs.
   */
  async rows(
    groupBy: HeatmapGroupBy,
    range: MetricRange,
    params: SqlParams,
    memberScope: string,
    allUnits: boolean,
  ): Promise<HeatmapUnitRow[]> {
    const type = params.add(groupBy);
    const fromDay = params.add(range.from);
    const toDay = params.add(range.to);
    return this.tx.query<HeatmapUnitRow>(
      `WITH RECURSIVE tree(root_id, id) AS (
         SELECT r.id, r.id FROM org_units r WHERE r.type = ${type}
         UNION SELECT tree.root_id, o.id FROM org_units o JOIN tree ON o.parent_id = tree.id
       ),
       members AS (
         SELECT u.id, u.display_name, u.org_unit_id FROM users u
         WHERE u.active AND 'rep' = ANY (u.roles) AND ${memberScope}
       ),
       sales AS (
         SELECT r.owner_id, sum(r.revenue) AS revenue, sum(r.orders)::int AS orders
         FROM owner_day_orders r
         WHERE r.day >= ${fromDay}::date AND r.day < ${toDay}::date
           AND r.owner_id IN (SELECT id FROM members)
         GROUP BY r.owner_id
       ),
       placed AS (
         SELECT tree.root_id, m.id, m.display_name,
           coalesce(s.revenue, 0)::numeric(20, 2) AS revenue, coalesce(s.orders, 0) AS orders
         FROM tree JOIN members m ON m.org_unit_id = tree.id
         LEFT JOIN sales s ON s.owner_id = m.id
       )
       SELECT r.id AS "orgUnitId", r.name, r.manager_id AS "managerId",
         count(p.id)::int AS headcount,
         coalesce(sum(p.revenue), 0)::numeric(20, 2)::text AS revenue,
         coalesce(json_agg(json_build_object(
             'userId', p.id, 'name', p.display_name, 'revenue', p.revenue::text, 'orders', p.orders)
           ORDER BY p.revenue DESC, p.display_name, p.id) FILTER (WHERE p.id IS NOT NULL),
           '[]'::json) AS members
       FROM org_units r LEFT JOIN placed p ON p.root_id = r.id
       WHERE r.type = ${type}
       GROUP BY r.id
       HAVING ${allUnits ? 'TRUE' : 'count(p.id) > 0'}
       ORDER BY r.name, r.id`,
      params.values,
    );
  }

  /**
   * The user, if within `userScope` (the caller's data scope over `u.id`),
   * with the 3 largest orders in the range of the customers it owns, largest
   * first; on equal amounts, the latest first. One statement.
   */
  async drilldown(
    userId: string,
    range: MetricRange,
    params: SqlParams,
    userScope: string,
  ): Promise<DrilldownRow | undefined> {
    const id = params.add(userId);
    const from = orgDayStartSql(params.add(range.from));
    const to = orgDayStartSql(params.add(range.to));
    const [row] = await this.tx.query<DrilldownRow>(
      `SELECT u.id AS "userId", u.display_name AS name,
         coalesce((
           SELECT json_agg(json_build_object(
               'orderId', top.id, 'orderedAt', top.ordered_at, 'amount', top.amount::text,
               'customerId', top.customer_id, 'customerName', top.customer_name)
             ORDER BY top.amount DESC, top.ordered_at DESC, top.id)
           FROM (
             SELECT o.id, o.ordered_at, o.amount, c.id AS customer_id, c.name AS customer_name
             FROM orders o JOIN customers c ON c.id = o.customer_id
             WHERE c.owner_id = u.id AND o.ordered_at >= ${from} AND o.ordered_at < ${to}
             ORDER BY o.amount DESC, o.ordered_at DESC, o.id
             LIMIT 3
           ) top
         ), '[]'::json) AS orders
       FROM users u
       WHERE u.id = ${id} AND ${userScope}`,
      params.values,
    );
    return row;
  }
}
