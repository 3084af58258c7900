import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { OrderLine } from './order.entity';

export interface OrderRow {
  id: string;
  customerId: string;
  storeId: string | null;
  contractId: string | null;
  amount: string;
  orderedAt: Date;
  lines: OrderLine[] | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `GET /orders`: the latest sale first unless sorted otherwise. */
export const ORDER_LIST = defineList({
  keys: {
    orderedAt: { column: 'o.ordered_at', kind: 'timestamp' },
    createdAt: { column: 'o.created_at', kind: 'timestamp' },
  },
  defaultSort: '-orderedAt',
  id: 'o.id',
  updatedAt: 'o.updated_at',
});

const ORDER_COLUMNS = `o.id, o.customer_id AS "customerId", o.store_id AS "storeId",
  o.contract_id AS "contractId", o.amount, o.ordered_at AS "orderedAt", o.lines,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

/** SQL over orders. Reads take the caller's scope over the customer's owner `c.owner_id`. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(
    order: {
      customerId: string;
      storeId: string | null;
      amount: string;
      orderedAt: string;
      lines: OrderLine[] | null;
    },
    createdBy: string | null,
  ): Promise<OrderRow> {
    const [row] = await this.tx.query<OrderRow>(
      `INSERT INTO orders AS o (customer_id, store_id, amount, ordered_at, lines, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ORDER_COLUMNS}`,
      [
        order.customerId,
        order.storeId,
        order.amount,
        order.orderedAt,
        order.lines && JSON.stringify(order.lines),
        createdBy,
      ],
    );
    return row;
  }

  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<OrderRow[]> {
    return this.tx.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /**
   * The customer's purchases since 1 January of this year in `timeZone`,
   * net of VAT, as a decimal string ("0.00" for none).
   */
  async yearToDate(customerId: string, timeZone: string): Promise<string> {
    const [{ total }] = await this.tx.query<{ total: string }>(
      `SELECT to_char(coalesce(sum(o.amount), 0), 'FM999999999999999990.00') AS total
       FROM orders o
       WHERE o.customer_id = $1
         AND o.ordered_at >= date_trunc('year', now() AT TIME ZONE $2) AT TIME ZONE $2`,
      [customerId, timeZone],
    );
    return total;
  }

  async findOne(id: string, params: SqlParams, scopeSql: string): Promise<OrderRow | undefined> {
    const [row] = await this.tx.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o JOIN customers c ON c.id = o.customer_id
       WHERE o.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }
}
