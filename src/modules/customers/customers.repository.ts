import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { containing } from '../../core/database/like-pattern';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import { Segment, Stage } from './customer.entity';
import { phoneSearch } from './domain/phone-search';
import { phoneSeenInFullSql } from './domain/pool-privacy';

/** A customer row as the SQL below returns it (camelCase, numerics as strings). */
export interface CustomerRow {
  id: string;
  name: string;
  phone: string;
  segment: Segment;
  company: string | null;
  city: string | null;
  tags: string[];
  purchaseFrequency: string | null;
  avgOrderValue: string | null;
  ownerId: string | null;
  storeId: string | null;
  erpCode: string | null;
  customFields: Record<string, unknown>;
  stage: Stage;
  lastInteractionAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const CUSTOMER_COLUMNS = `c.id, c.name, c.phone, c.segment, c.company, c.city, c.tags,
  c.purchase_frequency AS "purchaseFrequency", c.avg_order_value AS "avgOrderValue",
  c.owner_id AS "ownerId", c.store_id AS "storeId", c.erp_code AS "erpCode",
  c.custom_fields AS "customFields", c.stage, c.last_interaction_at AS "lastInteractionAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.version`;

/**
 * `GET /customers` (API.md §3): newest first unless sorted otherwise. A
 * customer never heard from has the oldest last interaction.
 */
export const CUSTOMER_LIST = defineList({
  keys: {
    createdAt: { column: 'c.created_at', kind: 'timestamp' },
    name: { column: 'c.name', kind: 'text' },
    lastInteractionAt: { column: 'c.last_interaction_at', kind: 'timestamp', nulls: 'lowest' },
  },
  defaultSort: '-createdAt',
  id: 'c.id',
  updatedAt: 'c.updated_at',
});

/** Editable columns: DTO field → SQL column. */
export const EDITABLE_COLUMNS = {
  name: 'name',
  phone: 'phone',
  segment: 'segment',
  company: 'company',
  city: 'city',
  tags: 'tags',
  purchaseFrequency: 'purchase_frequency',
  avgOrderValue: 'avg_order_value',
  storeId: 'store_id',
  erpCode: 'erp_code',
  customFields: 'custom_fields',
} as const;

export type EditableField = keyof typeof EDITABLE_COLUMNS;

export interface NewCustomer {
  name: string;
  phone: string;
  ownerId: string | null;
  fields: Partial<Record<EditableField, unknown>>;
}

/**
 * Over users `u`: who `principal` may make an owner (create, import, transfer):
 * an active user the caller could see as an owner. The one statement of that rule.
 */
export function assignableOwnerSql(
  scope: DataScopeService,
  principal: Principal,
  params: SqlParams,
): string {
  return `u.active AND ${scope.predicate(principal, 'u.id', params)}`;
}

/**
 * Over customers `c`: the search `q`. Name and company match by substring.
 * A phone written in `q` (see phoneSearch) matches, if whole, the customer
 * with exactly that number; in part, only customers whose phone the caller
 * sees in full, so that a masked pool phone cannot be recovered a digit at a
 * time. A substring scan, deliberately without a trigram index: that index
 * halved bulk-import speed when measured, and the scope predicate narrows the
 * scan for every role but the top.
 */
export function searchSql(q: string, principal: Principal, params: SqlParams): string {
  const terms = [`(c.name || ' ' || coalesce(c.company, '')) ILIKE ${params.add(containing(q))}`];
  const phone = phoneSearch(q);
  if (phone?.e164) terms.push(`c.phone = ${params.add(phone.e164)}`);
  if (phone) {
    const seenInFull = phoneSeenInFullSql(principal, 'c.owner_id');
    terms.push(`(c.phone LIKE ${params.add(containing(phone.fragment))} AND ${seenInFull})`);
  }
  return `(${terms.join(' OR ')})`;
}

/** SQL over the customers table. Every read takes the caller's scope predicate from the service. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts unless the phone is taken; the unique index decides, also under concurrency. */
  async insert(customer: NewCustomer): Promise<CustomerRow | undefined> {
    const params = new SqlParams();
    const entries = Object.entries({
      ...customer.fields,
      name: customer.name,
      phone: customer.phone,
    }) as [EditableField, unknown][];
    const columns = ['owner_id', ...entries.map(([field]) => EDITABLE_COLUMNS[field])];
    const values = [params.add(customer.ownerId), ...entries.map(([, value]) => params.add(value))];
    const [row] = await this.tx.query<CustomerRow>(
      `INSERT INTO customers AS c (${columns.join(', ')}) VALUES (${values.join(', ')})
       ON CONFLICT (phone) DO NOTHING RETURNING ${CUSTOMER_COLUMNS}`,
      params.values,
    );
    return row;
  }

  async findOwnerByPhone(
    phone: string,
  ): Promise<{ id: string; ownerId: string | null } | undefined> {
    const [row] = await this.tx.query<{ id: string; ownerId: string | null }>(
      `SELECT id, owner_id AS "ownerId" FROM customers WHERE phone = $1`,
      [phone],
    );
    return row;
  }

  /** One customer if `scopeSql` (built on `params`) admits it; optionally locked for update. */
  async findOne(
    id: string,
    params: SqlParams,
    scopeSql: string,
    lock = false,
  ): Promise<CustomerRow | undefined> {
    const [row] = await this.tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = ${params.add(id)} AND ${scopeSql}
       ${lock ? 'FOR UPDATE' : ''}`,
      params.values,
    );
    return row;
  }

  /**
   * `limit + 1` customers matching `where` (the scope, filters and keyset), in
   * `orderBy` (a ListPlan's; the export's is newest first).
   */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy = 'c.created_at DESC, c.id DESC',
  ): Promise<CustomerRow[]> {
    return this.tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  async update(id: string, changes: Partial<Record<EditableField, unknown>>): Promise<CustomerRow> {
    const params = new SqlParams();
    const sets = (Object.entries(changes) as [EditableField, unknown][]).map(
      ([field, value]) => `${EDITABLE_COLUMNS[field]} = ${params.add(value)}`,
    );
    const [row] = await this.tx.query<CustomerRow>(
      `UPDATE customers c SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE c.id = ${params.add(id)} RETURNING ${CUSTOMER_COLUMNS}`,
      params.values,
    );
    return row;
  }

  /** Sets the owner where `condition` holds; returns the row, or nothing if it did not hold. */
  async setOwner(
    id: string,
    ownerId: string | null,
    condition = 'TRUE',
    extra: unknown[] = [],
  ): Promise<CustomerRow | undefined> {
    const [row] = await this.tx.query<CustomerRow>(
      `UPDATE customers c SET owner_id = $2, version = version + 1, updated_at = now()
       WHERE c.id = $1 AND ${condition} RETURNING ${CUSTOMER_COLUMNS}`,
      [id, ownerId, ...extra],
    );
    return row;
  }

  /**
   * Gives every customer of `fromUserId` that `scopeSql` (built on `params`)
   * admits to `toUserId`; returns their ids.
   */
  async moveOwned(
    fromUserId: string,
    toUserId: string,
    params: SqlParams,
    scopeSql: string,
  ): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE customers c SET owner_id = ${params.add(toUserId)}, version = version + 1,
         updated_at = now()
       WHERE c.owner_id = ${params.add(fromUserId)} AND ${scopeSql} RETURNING c.id`,
      params.values,
    );
    return rows.map((row) => row.id);
  }

  async recordInteraction(id: string, occurredAt: Date, stage: Stage | null): Promise<void> {
    await this.tx.query(
      `UPDATE customers SET
         last_interaction_at = GREATEST(last_interaction_at, $2),
         stage = coalesce($3, stage), version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, occurredAt, stage],
    );
  }

  async findOwner(id: string): Promise<{ ownerId: string | null } | undefined> {
    const [row] = await this.tx.query<{ ownerId: string | null }>(
      `SELECT owner_id AS "ownerId" FROM customers WHERE id = $1`,
      [id],
    );
    return row;
  }
}
