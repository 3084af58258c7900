import { Injectable } from '@nestjs/common';
import { advisoryLockKey } from '../../core/database/advisory-lock';
import { containing } from '../../core/database/like-pattern';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';

/** A product row as the SQL below returns it (camelCase, numerics as strings). */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  cost: string;
  taxRatePct: string;
  category: string | null;
  minMarginPct: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The product's own fields, as stored: money and percentages as decimal strings. */
export interface ProductFields {
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  cost: string;
  taxRatePct: string;
  category: string | null;
  minMarginPct: string | null;
}

/** Editable fields: row field → SQL column. */
const COLUMNS: Record<keyof ProductFields, string> = {
  sku: 'sku',
  name: 'name',
  unit: 'unit',
  listPrice: 'list_price',
  cost: 'cost',
  taxRatePct: 'tax_rate_pct',
  category: 'category',
  minMarginPct: 'min_margin_pct',
};

const PRODUCT_COLUMNS = `p.id, p.sku, p.name, p.unit, p.list_price AS "listPrice", p.cost,
  p.tax_rate_pct AS "taxRatePct", p.category, p.min_margin_pct AS "minMarginPct",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

/** `GET /products` (API.md §5): by SKU unless sorted otherwise, as a price list reads. */
export const PRODUCT_LIST = defineList({
  keys: {
    sku: { column: 'p.sku', kind: 'text' },
    name: { column: 'p.name', kind: 'text' },
    createdAt: { column: 'p.created_at', kind: 'timestamp' },
  },
  defaultSort: 'sku',
  id: 'p.id',
  updatedAt: 'p.updated_at',
});

/** Over products `p`: SKU or name containing `q`, case-insensitive. */
export function productSearchSql(q: string, params: SqlParams): string {
  const pattern = params.add(containing(q));
  return `(p.sku ILIKE ${pattern} OR p.name ILIKE ${pattern})`;
}

/** SQL over the products table; the library is the organisation's, so no data scope applies. */
@Injectable()
export class ProductsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts unless the SKU is taken; the unique index decides, also under concurrency. */
  async insert(fields: ProductFields, createdBy: string | null): Promise<ProductRow | undefined> {
    const params = new SqlParams();
    const entries = Object.entries(fields) as [keyof ProductFields, unknown][];
    const columns = [...entries.map(([field]) => COLUMNS[field]), 'created_by'];
    const values = [...entries.map(([, value]) => params.add(value)), params.add(createdBy)];
    const [row] = await this.tx.query<ProductRow>(
      `INSERT INTO products AS p (${columns.join(', ')}) VALUES (${values.join(', ')})
       ON CONFLICT (sku) DO NOTHING RETURNING ${PRODUCT_COLUMNS}`,
      params.values,
    );
    return row;
  }

  async findOne(id: string, lock = false): Promise<ProductRow | undefined> {
    const [row] = await this.tx.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /**
   * Serialises the writers of one SKU until the transaction ends. Without it,
   * two PATCHes to the same new SKU would both pass the check for a holder and
   * the second would hit the unique index: a 500 instead of 409 DUPLICATE_SKU.
   */
  async lockSku(sku: string): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [
      advisoryLockKey(`product-sku:${sku}`),
    ]);
  }

  async findIdBySku(sku: string): Promise<string | undefined> {
    const [row] = await this.tx.query<{ id: string }>('SELECT id FROM products WHERE sku = $1', [
      sku,
    ]);
    return row?.id;
  }

  /** `limit + 1` products matching `where` (filters and keyset), in `orderBy` (PRODUCT_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<ProductRow[]> {
    return this.tx.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** The products with these ids; ids that match none are simply absent. */
  async findMany(ids: readonly string[]): Promise<ProductRow[]> {
    return this.tx.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ANY ($1::uuid[])`,
      [ids],
    );
  }

  async update(id: string, changes: Partial<ProductFields>): Promise<ProductRow> {
    const params = new SqlParams();
    const sets = (Object.entries(changes) as [keyof ProductFields, unknown][]).map(
      ([field, value]) => `${COLUMNS[field]} = ${params.add(value)}`,
    );
    const [row] = await this.tx.query<ProductRow>(
      `UPDATE products p SET ${[...sets, 'version = version + 1'].join(', ')}
       WHERE p.id = ${params.add(id)} RETURNING ${PRODUCT_COLUMNS}`,
      params.values,
    );
    return row;
  }
}
