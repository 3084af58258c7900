import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { assignableOwnerSql } from '../customers.repository';
import { STAGING_COLUMNS } from './domain/staging-row';

/**
 * A temporary table of the transaction's session, dropped at commit: other
 * sessions never see it, and a crash or rollback leaves nothing behind.
 */
const STAGING = 'customer_import_staging';

const MERGE_WORK_MEM = '256MB';

/**
 * The set-based half of an import, inside its one transaction: rows are
 * COPYed into the staging table, owners named in the file are checked in one
 * query, and one INSERT … ON CONFLICT merges everything into customers.
 * Rejected rows are then kept for the error report.
 */
@Injectable()
export class ImportStagingRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly scope: DataScopeService,
  ) {}

  /**
   * The merge sorts and groups the rows by phone. Byte order ("C") serves as
   * well as any (one fixed order is what keeps concurrent merges from
   * deadlocking) and sorts far faster than the database's collation.
   */
  async create(): Promise<void> {
    await this.tx.query(
      `CREATE TEMPORARY TABLE ${STAGING} (
         row_number int NOT NULL,
         name text,
         phone text COLLATE "C",
         segment text,
         company text,
         city text,
         tags text[],
         purchase_frequency numeric(12, 4),
         avg_order_value numeric(18, 2),
         owner_username text,
         owner_id uuid,
         errors jsonb,
         raw_values jsonb
       ) ON COMMIT DROP`,
    );
  }

  /** Streams COPY records (see stagingRecord) into the staging table on the transaction's connection. */
  async copy(records: AsyncIterable<Uint8Array>): Promise<void> {
    const runner = this.tx.manager.queryRunner;
    if (!runner || !this.tx.inTransaction) throw new Error('Staging needs the import transaction');
    const client = (await runner.connect()) as PoolClient;
    await pipeline(
      Readable.from(records, { objectMode: false }),
      client.query(copyFrom(`COPY ${STAGING} (${STAGING_COLUMNS.join(', ')}) FROM STDIN`)),
    );
    // Temporary tables are never analysed automatically; the merge plans better with statistics.
    await this.tx.query(`ANALYZE ${STAGING}`);
  }

  /** Whether the caller may make `userId` an owner: an active user within the caller's data scope. */
  async canAssignTo(principal: Principal, userId: string): Promise<boolean> {
    const params = new SqlParams();
    const rows = await this.tx.query(
      `SELECT 1 FROM users u WHERE u.id = ${params.add(userId)} AND ${this.assignable(principal, params)}`,
      params.values,
    );
    return rows.length > 0;
  }

  /**
   * Gives each row that names an owner that user's id, if the caller may
   * assign to that user (see canAssignTo; a rep: only itself). One statement
   * for all the names in the file; rows whose name does not resolve are
   * rejected, without saying whether such a user exists outside the scope.
   */
  async rejectUnassignableOwners(principal: Principal): Promise<void> {
    const params = new SqlParams();
    await this.tx.query(
      `UPDATE ${STAGING} s SET owner_id = u.id
       FROM users u
       WHERE s.owner_username IS NOT NULL AND s.errors IS NULL
         AND lower(u.username) = lower(s.owner_username) AND ${this.assignable(principal, params)}`,
      params.values,
    );
    await this.tx.query(
      `UPDATE ${STAGING} SET errors = jsonb_build_array(jsonb_build_object('field', 'owner',
         'reason', 'is not an active user you may assign customers to: ' || owner_username))
       WHERE owner_username IS NOT NULL AND owner_id IS NULL AND errors IS NULL`,
    );
  }

  /**
   * The merge, as the contract states it. Valid rows are first aggregated by
   * phone, so no customer is touched twice by one statement: the earliest row
   * gives the name, the owner and each field; later rows of the phone fill the
   * fields it left empty, and tags are united in order of appearance. Then:
   * - a phone no customer has becomes a new customer;
   * - a phone a customer has fills that customer's empty fields and adds the
   *   missing tags; its name, segment and owner stay. It is only written (and
   *   its version bumped) if something changes, so a re-import changes nothing.
   * Rows go in phone order (byte order, see create), so concurrent imports
   * lock customers in one order and cannot deadlock; the unique phone index
   * makes the loser of a race merge instead of duplicating. New customers get
   * ids in that order (see orderedUuid). Returns how many customers were created.
   */
  async mergeIntoCustomers(): Promise<number> {
    // The merge sorts and groups every staged row; with the default 4 MB a
    // large file spills to disk several times over. Local to the transaction.
    await this.tx.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
    const [{ created }] = await this.tx.query<{ created: number }>(MERGE_INTO_CUSTOMERS);
    return created;
  }

  async rowCounts(): Promise<{ totalRows: number; invalidRows: number }> {
    const [counts] = await this.tx.query<{ totalRows: number; invalidRows: number }>(
      `SELECT count(*)::int AS "totalRows", count(*) FILTER (WHERE errors IS NOT NULL)::int AS "invalidRows"
       FROM ${STAGING}`,
    );
    return counts;
  }

  /** Every problem of every rejected row, with the row's cells, for the summary and errors.xlsx. */
  async saveRejections(importId: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO customer_import_rejections (import_id, row_number, field, reason, raw_values)
       SELECT $1, s.row_number, e.field, e.reason, s.raw_values
       FROM ${STAGING} s CROSS JOIN LATERAL jsonb_to_recordset(s.errors) AS e(field text, reason text)
       WHERE s.errors IS NOT NULL`,
      [importId],
    );
  }

  private assignable(principal: Principal, params: SqlParams): string {
    return assignableOwnerSql(this.scope, principal, params);
  }
}

/** The value of the earliest row that has one. */
function firstNonNull(column: string): string {
  return `(array_agg(${column} ORDER BY row_number) FILTER (WHERE ${column} IS NOT NULL))[1] AS ${column}`;
}

const FILLABLE = ['segment', 'company', 'city', 'purchase_frequency', 'avg_order_value'];
/** What the merge reads of a staged row: sorting only these keeps the sort small. */
const MERGED_COLUMNS = ['row_number', 'name', 'phone', 'owner_id', 'tags', ...FILLABLE];

/**
 * A new customer's id, in insertion order: a UUIDv7 (RFC 9562) of the merge's
 * start in Unix milliseconds, then `counter` (30 bits, more than
 * MAX_IMPORT_ROWS: rand_a and the top of rand_b, the "dedicated counter"
 * method), then 44 random bits. The column default, a random (v4) id, puts
 * each new row on a random page of the primary key and of the (created_at, id)
 * index; for a million rows that was a quarter of the merge. Ordered ids
 * append instead.
 */
function orderedUuid(counter: string): string {
  const startMs = `(extract(epoch FROM statement_timestamp()) * 1000)::bigint`;
  // PostgreSQL gives << | & one precedence, left to right: every term is bracketed.
  const version7 = 0x7000;
  const variant = '(1::bigint << 63)';
  const high = `((${startMs} << 16) | ${version7} | (${counter} >> 18))`;
  const low = `(${variant} | ((${counter} & ${2 ** 18 - 1}) << 44) | floor(random() * ${2 ** 44})::bigint)`;
  return `(lpad(to_hex(${high}), 16, '0') || lpad(to_hex(${low}), 16, '0'))::uuid`;
}

/** See mergeIntoCustomers. Most phones occur once, so only the repeated ones are aggregated. */
const MERGE_INTO_CUSTOMERS = `
  WITH valid AS NOT MATERIALIZED (
    SELECT ${MERGED_COLUMNS.join(', ')} FROM ${STAGING} WHERE errors IS NULL
  ), first_rows AS (
    SELECT DISTINCT ON (phone) * FROM valid ORDER BY phone, row_number
  ), repeated AS (
    SELECT * FROM valid WHERE phone IN (SELECT phone FROM valid GROUP BY phone HAVING count(*) > 1)
  ), fills AS (
    SELECT phone, ${FILLABLE.map(firstNonNull).join(', ')} FROM repeated GROUP BY phone
  ), repeated_tags AS (
    SELECT r.phone, t.tag, min(ARRAY[r.row_number, t.position::int]) AS first_seen
    FROM repeated r CROSS JOIN LATERAL unnest(r.tags) WITH ORDINALITY AS t(tag, position)
    GROUP BY r.phone, t.tag
  ), united_tags AS (
    SELECT phone, array_agg(tag ORDER BY first_seen) AS tags FROM repeated_tags GROUP BY phone
  ), merged AS (
    INSERT INTO customers AS c (id, name, phone, owner_id, tags, ${FILLABLE.join(', ')})
    SELECT ${orderedUuid('row_number() OVER in_phone_order')},
      f.name, f.phone, f.owner_id, coalesce(u.tags, f.tags),
      coalesce(f.segment, d.segment, 'b2b'),
      ${FILLABLE.slice(1)
        .map((column) => `coalesce(f.${column}, d.${column})`)
        .join(', ')}
    FROM first_rows f LEFT JOIN fills d USING (phone) LEFT JOIN united_tags u USING (phone)
    WINDOW in_phone_order AS (ORDER BY f.phone)
    ORDER BY f.phone
    ON CONFLICT (phone) DO UPDATE SET
      company = coalesce(nullif(c.company, ''), EXCLUDED.company),
      city = coalesce(nullif(c.city, ''), EXCLUDED.city),
      purchase_frequency = coalesce(c.purchase_frequency, EXCLUDED.purchase_frequency),
      avg_order_value = coalesce(c.avg_order_value, EXCLUDED.avg_order_value),
      tags = c.tags || ARRAY(
        SELECT n.tag FROM unnest(EXCLUDED.tags) WITH ORDINALITY AS n(tag, position)
        WHERE n.tag <> ALL (c.tags) ORDER BY n.position),
      version = c.version + 1,
      updated_at = now()
    WHERE (nullif(c.company, '') IS NULL AND EXCLUDED.company IS NOT NULL)
       OR (nullif(c.city, '') IS NULL AND EXCLUDED.city IS NOT NULL)
       OR (c.purchase_frequency IS NULL AND EXCLUDED.purchase_frequency IS NOT NULL)
       OR (c.avg_order_value IS NULL AND EXCLUDED.avg_order_value IS NOT NULL)
       OR NOT (EXCLUDED.tags <@ c.tags)
    RETURNING xmax = 0 AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS created FROM merged`;
