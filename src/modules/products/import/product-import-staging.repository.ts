import { Injectable } from '@nestjs/common';
import { advisoryLockKey } from '../../../core/database/advisory-lock';
import { TransactionHost } from '../../../core/database/transaction-host';
import { MergeFacts } from '../../../core/imports/import-runner';
import { copyIntoStaging } from '../../../core/imports/staging-copy';
import { PRODUCT_STAGING_COLUMNS } from './domain/product-row';
import { ProductImportsRepository } from './product-imports.repository';

/**
 * A temporary table of the transaction's session, dropped at commit: other
 * sessions never see it, and a crash or rollback leaves nothing behind. It
 * holds one chunk of the file at a time.
 */
const STAGING = 'product_import_staging';

/**
 * Held by the import that is merging, as the customer import holds its own:
 * two imports overlapping in SKUs, each merging chunk after chunk, could
 * otherwise deadlock. A waiting import shows `running` with no rows processed.
 */
const IMPORT_LOCK = 'product-import-merge';

/** The columns the merge writes, as staged and as the products table names them. */
const PRODUCT_COLUMNS = [
  'name',
  'unit',
  'list_price',
  'cost',
  'tax_rate_pct',
  'category',
  'min_margin_pct',
] as const;

/** One chunk of a product import; see mergeChunk. */
export interface ProductChunk {
  importId: string;
  /** The importer, the creator of the products it adds; null for an API key. */
  createdBy: string | null;
}

/**
 * The set-based half of a product import, inside its one transaction, a
 * chunk of the file at a time: rows are COPYed into the staging table, one
 * INSERT … ON CONFLICT (sku) DO UPDATE upserts the chunk into products, and
 * its rejected rows are kept for the error report.
 */
@Injectable()
export class ProductImportStagingRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly imports: ProductImportsRepository,
  ) {}

  /** Takes the import lock (the transaction's), then creates the staging table. */
  async begin(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey(IMPORT_LOCK)]);
    await this.tx.query(
      `CREATE TEMPORARY TABLE ${STAGING} (
         row_number int NOT NULL,
         sku text COLLATE "C",
         name text,
         unit text,
         list_price numeric(14, 2),
         cost numeric(14, 2),
         tax_rate_pct numeric(5, 2),
         category text,
         min_margin_pct numeric(4, 2),
         errors jsonb,
         raw_values jsonb
       ) ON COMMIT DROP`,
    );
  }

  /**
   * Stages one chunk and upserts it into products; the staging table is
   * empty again afterwards. Chunks come in file order, so a SKU met again in
   * a later chunk overwrites what its earlier row wrote, as within one chunk.
   */
  async mergeChunk(records: Uint8Array[], chunk: ProductChunk): Promise<MergeFacts> {
    await copyIntoStaging(this.tx, STAGING, PRODUCT_STAGING_COLUMNS, records, ['sku', 'errors']);
    const [{ created }] = await this.tx.query<{ created: number }>(upsertProducts, [
      chunk.createdBy,
    ]);
    const [counts] = await this.tx.query<{ totalRows: number; invalidRows: number }>(
      `SELECT count(*)::int AS "totalRows", count(*) FILTER (WHERE errors IS NOT NULL)::int AS "invalidRows"
       FROM ${STAGING}`,
    );
    await this.imports.saveRejections(chunk.importId, STAGING);
    await this.tx.query(`TRUNCATE ${STAGING}`);
    return { ...counts, created };
  }
}

/**
 * The upsert of one chunk: of the valid rows of a SKU, the last in the file
 * wins (a file is read top to bottom, as a person edits a price list). A SKU
 * no product has becomes a product, created by the importer; a SKU a product
 * has replaces its fields, empty optional cells taking the defaults of
 * `POST /products`. A product is written, and its version bumped, only if a
 * field changes, so importing the same file again changes nothing. A product
 * this import already wrote (an earlier chunk: its row version is this
 * transaction's) keeps its version, so where the chunks end never shows; one
 * that existed before the import gets version + 1 once. updated_at is stamped
 * by the products trigger. Returns how many products were created.
 */
const upsertProducts = `
  WITH latest AS (
    SELECT DISTINCT ON (sku) * FROM ${STAGING} WHERE errors IS NULL ORDER BY sku, row_number DESC
  ), written AS (
    INSERT INTO products AS p (sku, ${PRODUCT_COLUMNS.join(', ')}, created_by)
    SELECT sku, ${PRODUCT_COLUMNS.join(', ')}, $1::uuid FROM latest ORDER BY sku
    ON CONFLICT (sku) DO UPDATE SET
      ${PRODUCT_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
      version = p.version + (p.xmin <> pg_current_xact_id()::xid)::int
    WHERE (${PRODUCT_COLUMNS.map((column) => `p.${column}`).join(', ')})
      IS DISTINCT FROM (${PRODUCT_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')})
    RETURNING xmax = 0 AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS created FROM written`;
