import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { orgDayStartSql } from '../metric-range';

export interface StoreRepurchaseRow {
  orgUnitId: string;
  name: string;
  base: number;
  repurchased: number;
}

/** The days that bound a repurchase week: the base period [baseFrom, from), the week [from, to). */
export interface RepurchaseDays {
  baseFrom: string;
  from: string;
  to: string;
}

/**
 * SQL of the repurchase rate (API.md §8). A customer belongs to the store of
 * its orders (`orders.store_id`): a customer who bought at two stores in the
 * base period counts in both, and repurchases only where it buys again.
 * Orders with no store count for none.
 */
@Injectable()
export class RepurchaseRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One row per store: the distinct customers with an order there in the base
   * period, and how many of them order there again in the week. `customerScope`
   * is a data-scope predicate over `c.owner_id` (or TRUE); `allStores` keeps
   * the stores with no base customer.
   */
  async byStore(
    days: RepurchaseDays,
    params: SqlParams,
    customerScope: string,
    allStores: boolean,
  ): Promise<StoreRepurchaseRow[]> {
    const baseFrom = orgDayStartSql(params.add(days.baseFrom));
    const from = orgDayStartSql(params.add(days.from));
    const to = orgDayStartSql(params.add(days.to));
    return this.tx.query<StoreRepurchaseRow>(
      `WITH base AS (
         SELECT DISTINCT o.store_id, o.customer_id
         FROM orders o JOIN customers c ON c.id = o.customer_id
         WHERE o.store_id IS NOT NULL AND o.ordered_at >= ${baseFrom} AND o.ordered_at < ${from}
           AND ${customerScope}
       ),
       week AS (
         SELECT DISTINCT o.store_id, o.customer_id FROM orders o
         WHERE o.store_id IS NOT NULL AND o.ordered_at >= ${from} AND o.ordered_at < ${to}
       )
       SELECT s.id AS "orgUnitId", s.name,
         count(b.customer_id)::int AS base, count(w.customer_id)::int AS repurchased
       FROM org_units s
       LEFT JOIN base b ON b.store_id = s.id
       LEFT JOIN week w ON w.store_id = b.store_id AND w.customer_id = b.customer_id
       WHERE s.type = 'store'
       GROUP BY s.id
       HAVING ${allStores ? 'TRUE' : 'count(b.customer_id) > 0'}
       ORDER BY s.name, s.id`,
      params.values,
    );
  }
}
