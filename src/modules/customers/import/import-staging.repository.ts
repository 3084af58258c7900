import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { advisoryLockKey } from '../../../core/database/advisory-lock';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { Language } from '../../../core/i18n/text';
import { copyIntoStaging } from '../../../core/imports/staging-copy';
import { assignableOwnerSql } from '../customers.repository';
import { importMessages } from './customer-imports.exception';
import { MergeFacts } from './domain/import-counts';
import { CustomerImportsRepository } from './customer-imports.repository';
import { STAGING_COLUMNS } from './domain/staging-row';

/**
 * A temporary table of the transaction's session, dropped at commit: other
 * sessions never see it, and a crash or rollback leaves nothing behind. It
 * holds one chunk of the file at a time.
 */
const STAGING = 'customer_import_staging';

/**
 * Held by the import that is merging. Within one statement rows are locked in
 * phone order, but an import's chunks each start that order again, so two
 * imports overlapping in phones, running at once, could each wait for a phone
 * the other merged in an earlier chunk: a deadlock. One at a time cannot. A
 * waiting import shows `running` with no rows processed.
 */
const IMPORT_LOCK = 'customer-import-merge';

/** A chunk's merge sorts and groups its rows; the default 4 MB would spill to disk. */
const MERGE_WORK_MEM = '128MB';

/** What to do with one chunk of an import; see mergeChunk. */
export interface ChunkOfImport {
  importId: string;
  principal: Principal;
  /** Whether the file has a 负责人 column; without one, the owner check is skipped. */
  namesOwners: boolean;
  /** Rows of the file in earlier chunks: numbers the new customers' ids on from theirs. */
  rowsBefore: number;
  /** The language of the request that started the import, for its rejected rows' reasons. */
  language: Language;
}

/**
 * The set-based half of an import, inside its one transaction, a chunk of the
 * file at a time: rows are COPYed into the staging table, owners named in the
 * chunk are checked in one query and phones held outside the caller's scope in
 * another, one INSERT … ON CONFLICT merges the chunk into customers, and its
 * rejected rows are kept for the error report.
 */
@Injectable()
export class ImportStagingRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly scope: DataScopeService,
    private readonly imports: CustomerImportsRepository,
  ) {}

  /**
   * Takes the import lock, then creates the staging table. The merge sorts
   * and groups the rows by phone; byte order ("C") serves as well as any and
   * sorts far faster than the database's collation.
   *
   * Imports run one at a time (see IMPORT_LOCK); the lock is the
   * transaction's, so it is released at commit or rollback, and on a lost
   * connection.
   */
  async begin(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey(IMPORT_LOCK)]);
    await this.tx.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
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

  /**
   * Stages one chunk of the file (COPY records, see stagingRecord) and merges
   * it into customers; the staging table is empty again afterwards. Chunks
   * must come in file order: a phone met again in a later chunk is merged
   * into the customer its first row created, exactly as within one chunk.
   */
  async mergeChunk(records: Uint8Array[], chunk: ChunkOfImport): Promise<MergeFacts> {
    await this.copy(records);
    if (chunk.namesOwners) await this.rejectUnassignableOwners(chunk);
    if (!this.scope.scopeOf(chunk.principal).all) await this.rejectPhonesHeldOutOfScope(chunk);
    const params = new SqlParams();
    const rowsBefore = params.add(chunk.rowsBefore);
    const visible = this.scope.predicate(chunk.principal, 'c.owner_id', params, {
      includePool: true,
    });
    const [{ created }] = await this.tx.query<{ created: number }>(
      mergeIntoCustomers(rowsBefore, visible),
      params.values,
    );
    const { totalRows, invalidRows } = await this.rowCounts();
    await this.imports.saveRejections(chunk.importId, STAGING);
    await this.tx.query(`TRUNCATE ${STAGING}`);
    return { totalRows, invalidRows, created };
  }

  private async copy(records: Uint8Array[]): Promise<void> {
    await copyIntoStaging(this.tx, STAGING, STAGING_COLUMNS, records, ['phone', 'errors']);
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
  private async rejectUnassignableOwners({ principal, language }: ChunkOfImport): Promise<void> {
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
         'reason', replace($1, '{username}', owner_username)))
       WHERE owner_username IS NOT NULL AND owner_id IS NULL AND errors IS NULL`,
      [importMessages.ownerNotAssignable[language]],
    );
  }

  /**
   * Rejects every row whose phone belongs to a customer the caller cannot see
   * (the pool it can): merging would write into that customer. The reason
   * names the owner, the signal POST /customers gives with its 409. One
   * statement for the chunk, so all rows of such a phone are rejected alike;
   * roles that see every customer never need it. A customer this import
   * created in an earlier chunk is never rejected: its owner is assignable,
   * hence visible. Such imports stage every row with its cells (see
   * StagingOptions.keepCells), for the error report.
   */
  private async rejectPhonesHeldOutOfScope({ principal, language }: ChunkOfImport): Promise<void> {
    const params = new SqlParams();
    const reason = params.add(importMessages.phoneHeldBy[language]);
    const visible = this.scope.predicate(principal, 'c.owner_id', params, { includePool: true });
    await this.tx.query(
      `UPDATE ${STAGING} s SET errors = jsonb_build_array(jsonb_build_object('field', 'phone',
         'reason', replace(${reason}::text, '{owner}', o.display_name)))
       FROM customers c JOIN users o ON o.id = c.owner_id
       WHERE s.errors IS NULL AND c.phone = s.phone AND NOT ${visible}`,
      params.values,
    );
  }

  private async rowCounts(): Promise<{ totalRows: number; invalidRows: number }> {
    const [counts] = await this.tx.query<{ totalRows: number; invalidRows: number }>(
      `SELECT count(*)::int AS "totalRows", count(*) FILTER (WHERE errors IS NOT NULL)::int AS "invalidRows"
       FROM ${STAGING}`,
    );
    return counts;
  }

  private assignable(principal: Principal, params: SqlParams): string {
    return assignableOwnerSql(this.scope, principal, params);
  }
}

/** The value of the earliest row that has one. */
function firstNonNull(column: string): string {
  return `(array_agg(${column} ORDER BY row_number) FILTER (WHERE ${column} IS NOT NULL))[1] AS ${column}`;
}

const FILLABLE = ['company', 'city', 'purchase_frequency', 'avg_order_value'];
/** What the merge reads of a staged row: sorting only these keeps the sort small. */
const MERGED_COLUMNS = ['row_number', 'name', 'phone', 'owner_id', 'segment', 'tags', ...FILLABLE];

/**
 * A new customer's id, in insertion order: a UUIDv7 (RFC 9562) of the
 * import's start in Unix milliseconds, then `counter` (30 bits, more than
 * MAX_IMPORT_ROWS: rand_a and the top of rand_b, the "dedicated counter"
 * method), then 44 random bits. The column default, a random (v4) id, puts
 * each new row on a random page of the primary key and of the (created_at, id)
 * index; for a million rows that was a quarter of the merge. Ordered ids
 * append instead.
 */
function orderedUuid(counter: string): string {
  const startMs = `(extract(epoch FROM transaction_timestamp()) * 1000)::bigint`;
  // PostgreSQL gives << | & one precedence, left to right: every term is bracketed.
  const version7 = 0x7000;
  const variant = '(1::bigint << 63)';
  const high = `((${startMs} << 16) | ${version7} | (${counter} >> 18))`;
  const low = `(${variant} | ((${counter} & ${2 ** 18 - 1}) << 44) | floor(random() * ${2 ** 44})::bigint)`;
  return `(lpad(to_hex(${high}), 16, '0') || lpad(to_hex(${low}), 16, '0'))::uuid`;
}

/**
 * The merge of one chunk, as the contract states it: the first row of a phone
 * creates the customer, every later row of the phone, in the file or already
 * in the database, fills that customer's empty fields and adds its missing
 * tags; name, segment and owner stay. The chunk's rows are first aggregated by
 * phone, so no customer is touched twice by one statement: the earliest row
 * gives the name, segment (else b2b) and owner, later rows fill the fields it
 * left empty, and tags are united in order of appearance. Then:
 * - a phone no customer has becomes a new customer;
 * - a phone a customer has is merged into it, which is written (and its
 *   version bumped) only if something changes, so a re-import changes nothing.
 *   A customer this import created or already merged into (an earlier chunk:
 *   its row version is this transaction's) keeps its version, so where the
 *   chunks happen to end never shows.
 * The unique phone index makes a race with POST /customers end in a merge,
 * never a duplicate; and a customer outside the caller's scope (`visible`,
 * over `c`) is never written, not even one that a concurrent POST /customers
 * created after rejectPhonesHeldOutOfScope ran (its row then counts as
 * merged). Rows go in phone order, and new customers get ids in that order
 * (see orderedUuid; `rowsBefore` is the count of rows in earlier chunks).
 * Only the repeated phones are aggregated, as most phones occur once. Returns
 * how many customers were created.
 */
const mergeIntoCustomers = (rowsBefore: string, visible: string) => `
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
    INSERT INTO customers AS c (id, name, phone, owner_id, segment, tags, ${FILLABLE.join(', ')})
    SELECT ${orderedUuid(`(${rowsBefore}::bigint + row_number() OVER in_phone_order)`)},
      f.name, f.phone, f.owner_id, coalesce(f.segment, 'b2b'), coalesce(u.tags, f.tags),
      ${FILLABLE.map((column) => `coalesce(f.${column}, d.${column})`).join(', ')}
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
      version = c.version + (c.xmin <> pg_current_xact_id()::xid)::int,
      updated_at = now()
    WHERE ((nullif(c.company, '') IS NULL AND EXCLUDED.company IS NOT NULL)
       OR (nullif(c.city, '') IS NULL AND EXCLUDED.city IS NOT NULL)
       OR (c.purchase_frequency IS NULL AND EXCLUDED.purchase_frequency IS NOT NULL)
       OR (c.avg_order_value IS NULL AND EXCLUDED.avg_order_value IS NOT NULL)
       OR NOT (EXCLUDED.tags <@ c.tags))
      AND ${visible}
    RETURNING xmax = 0 AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS created FROM merged`;
