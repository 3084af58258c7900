import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import type { ErpKind, StockLevel } from '../adapters';

/** A product's stored level; every field null when it was never pulled. */
export interface ProductStockRow {
  quantity: string | null;
  syncedAt: Date | null;
  source: string | null;
  erpKind: ErpKind | null;
  ageSeconds: number | null;
}

/** Where a pull's levels came from. */
export interface StockOrigin {
  connectionId: string | null;
  source: string;
  erpKind: ErpKind;
}

@Injectable()
export class StockRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Every SKU of the library, in a stable order. */
  async allSkus(): Promise<string[]> {
    const rows = await this.tx.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku');
    return rows.map((row) => row.sku);
  }

  /**
   * Writes the levels in one statement, stamped with its time, which it
   * answers rounded as the column stores it. Levels of SKUs no product has
   * (renamed meanwhile) are dropped.
   */
  async upsert(
    levels: StockLevel[],
    origin: StockOrigin,
  ): Promise<{ written: number; syncedAt: Date }> {
    const [row] = await this.tx.query<{ written: number; syncedAt: Date }>(
      `WITH written AS (
         INSERT INTO product_stock AS s (product_id, quantity, synced_at, source, erp_kind, connection_id)
         SELECT p.id, r.quantity, statement_timestamp(), $2, $3, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(sku text, quantity numeric)
         JOIN products p ON p.sku = r.sku
         ON CONFLICT (product_id) DO UPDATE SET quantity = EXCLUDED.quantity,
           synced_at = EXCLUDED.synced_at, source = EXCLUDED.source,
           erp_kind = EXCLUDED.erp_kind, connection_id = EXCLUDED.connection_id
         RETURNING 1)
       SELECT (SELECT count(*)::int FROM written) AS written, statement_timestamp()::timestamptz(3) AS "syncedAt"`,
      [JSON.stringify(levels), origin.source, origin.erpKind, origin.connectionId],
    );
    return row;
  }

  /** The product's level, or undefined when there is no such product. */
  async findByProduct(productId: string): Promise<ProductStockRow | undefined> {
    const [row] = await this.tx.query<ProductStockRow>(
      `SELECT s.quantity, s.synced_at AS "syncedAt", s.source, s.erp_kind AS "erpKind",
         -- greatest() would turn a missing level's NULL into 0; a clock step back must not go negative.
         CASE WHEN s.synced_at IS NOT NULL
           THEN greatest(0, floor(extract(epoch FROM statement_timestamp() - s.synced_at)))::int
         END AS "ageSeconds"
       FROM products p LEFT JOIN product_stock s ON s.product_id = p.id
       WHERE p.id = $1`,
      [productId],
    );
    return row;
  }
}
