import { SqlParams } from '../database/sql-params';
import { TransactionHost } from '../database/transaction-host';
import { RETENTION_HOURS } from '../idempotency/idempotency';
import { Language } from '../i18n/text';
import { ImportErrorCode, sharedImportMessages as importMessages } from './imports.exception';
import { SheetFormat } from './sheets/file-format';

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One reported problem of a rejected row; `row` is the spreadsheet row number (header = 1). */
export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}

/**
 * An importer's tables: `<name>s` (one row per import) and
 * `<name>_rejections` (every problem of every rejected row), shaped alike
 * (see CustomerImportEntity), and the name of the count that, beside
 * `created` and `invalid`, makes up the rows: `merged` for customers,
 * `updated` for products.
 */
export interface ImportTables<K extends string> {
  imports: string;
  rejections: string;
  matchedCount: K;
}

/** The summary counts of a finished import: created + matched + invalid = totalRows. */
export type ImportCounts<K extends string> = {
  totalRows: number;
  created: number;
  invalid: number;
} & Record<K, number>;

/** A running import whose heartbeat is older than this has lost its process. */
export const STALE_AFTER_SECONDS = 120;
/** The summary lists this many row errors; the error report has them all. */
const LISTED_ERRORS = 1000;

/** An import as the API reports it, with its `matchedCount` (see ImportTables). */
export type ImportRecord<K extends string = string> = ImportRecordBase & Record<K, number>;

interface ImportRecordBase {
  id: string;
  status: ImportStatus;
  fileName: string;
  format: SheetFormat;
  headers: string[];
  totalRows: number | null;
  processedRows: number;
  created: number;
  invalid: number;
  errors: ImportRowError[];
  failureCode: string | null;
  failureReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewImport {
  createdBy: string | null;
  callerKey: string;
  idempotencyKey: string | null;
  requestFingerprint: string;
  fileSha256: string;
  fileName: string;
  format: SheetFormat;
  headers: string[];
  language: Language;
}

/** A rejected row for the error report: its cells and every reason it was refused. */
export interface RejectedRow {
  rowNumber: number;
  rawValues: string[];
  errors: { field: string; reason: string }[];
}

/**
 * The record of an importer's imports, over its tables (see ImportTables): who
 * ran which file, its progress and heartbeat, its idempotency key, its end
 * (counts and first errors, or the failure) and its rejected rows. Each
 * importer's repository extends it with its table names.
 */
export abstract class ImportJournal<K extends string> {
  private readonly recordColumns: string;
  private readonly imports: string;
  private readonly rejections: string;
  private readonly matched: K;

  constructor(
    protected readonly tx: TransactionHost,
    tables: ImportTables<K>,
  ) {
    this.imports = tables.imports;
    this.rejections = tables.rejections;
    this.matched = tables.matchedCount;
    this.recordColumns = `ci.id, ci.status, ci.file_name AS "fileName", ci.format, ci.headers,
      ci.total_rows AS "totalRows", ci.processed_rows AS "processedRows", ci.created,
      ci.${this.matched}, ci.invalid, ci.errors, ci.failure_code AS "failureCode",
      ci.failure_reason AS "failureReason", ci.created_at AS "createdAt",
      ci.finished_at AS "finishedAt"`;
  }

  /** Inserts a running import; undefined if the caller's idempotency key is taken. */
  async insertRunning(input: NewImport): Promise<ImportRecord<K> | undefined> {
    const [row] = await this.tx.query<ImportRecord<K>>(
      `INSERT INTO ${this.imports} AS ci (created_by, caller_key, idempotency_key, request_fingerprint,
         file_sha256, file_name, format, headers, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (caller_key, idempotency_key) DO NOTHING
       RETURNING ${this.recordColumns}`,
      [
        input.createdBy,
        input.callerKey,
        input.idempotencyKey,
        input.requestFingerprint,
        input.fileSha256,
        input.fileName,
        input.format,
        JSON.stringify(input.headers),
        input.language,
      ],
    );
    return row;
  }

  /**
   * The import that holds the caller's key, if it still holds it: a failed
   * import, or one older than the idempotency window, gives its key up, so a
   * retry runs again (as a failed request does under the generic contract).
   */
  async findByIdempotencyKey(
    callerKey: string,
    key: string,
  ): Promise<(ImportRecord<K> & { requestFingerprint: string }) | undefined> {
    await this.tx.query(
      `UPDATE ${this.imports} SET idempotency_key = NULL
       WHERE caller_key = $1 AND idempotency_key = $2
         AND (status = 'failed' OR created_at < now() - make_interval(hours => $3))`,
      [callerKey, key, RETENTION_HOURS],
    );
    const [row] = await this.tx.query<ImportRecord<K> & { requestFingerprint: string }>(
      `SELECT ${this.recordColumns}, ci.request_fingerprint AS "requestFingerprint"
       FROM ${this.imports} ci WHERE ci.caller_key = $1 AND ci.idempotency_key = $2`,
      [callerKey, key],
    );
    return row;
  }

  async findById(id: string): Promise<ImportRecord<K> | undefined> {
    const [row] = await this.tx.query<ImportRecord<K>>(
      `SELECT ${this.recordColumns} FROM ${this.imports} ci WHERE ci.id = $1`,
      [id],
    );
    return row;
  }

  /** The import if `visibleSql` (built on `params`, over `ci`) admits it. */
  async findVisible(
    id: string,
    params: SqlParams,
    visibleSql: string,
  ): Promise<ImportRecord<K> | undefined> {
    const [row] = await this.tx.query<ImportRecord<K>>(
      `SELECT ${this.recordColumns} FROM ${this.imports} ci WHERE ci.id = ${params.add(id)} AND ${visibleSql}`,
      params.values,
    );
    return row;
  }

  /** Progress from outside the import's transaction; also the heartbeat. */
  async recordProgress(id: string, processedRows: number, totalRows: number | null): Promise<void> {
    await this.tx.query(
      `UPDATE ${this.imports} SET processed_rows = $2, total_rows = $3, heartbeat_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id, processedRows, totalRows],
    );
  }

  /**
   * Marks the import completed with its counts and its first errors, in the
   * transaction of the merge. Undefined if it is no longer running (it was
   * failed as stale meanwhile): the caller must then roll back. finished_at is
   * the clock's time: now() would be when the long transaction began.
   */
  async complete(id: string, counts: ImportCounts<K>): Promise<ImportRecord<K> | undefined> {
    const [row] = await this.tx.query<ImportRecord<K>>(
      `UPDATE ${this.imports} ci SET status = 'completed', total_rows = $2, processed_rows = $2,
         created = $3, ${this.matched} = $4, invalid = $5, finished_at = clock_timestamp(), heartbeat_at = now(),
         errors = (SELECT coalesce(jsonb_agg(jsonb_build_object('row', r.row_number, 'field', r.field,
                     'reason', r.reason) ORDER BY r.row_number, r.field), '[]')
                   FROM (SELECT row_number, field, reason FROM ${this.rejections}
                         WHERE import_id = $1 ORDER BY row_number, field LIMIT $6) r)
       WHERE ci.id = $1 AND ci.status = 'running'
       RETURNING ${this.recordColumns}`,
      [id, counts.totalRows, counts.created, counts[this.matched], counts.invalid, LISTED_ERRORS],
    );
    return row;
  }

  async fail(id: string, code: string, reason: string): Promise<void> {
    await this.tx.query(
      `UPDATE ${this.imports} SET status = 'failed', failure_code = $2, failure_reason = $3,
         finished_at = now(), heartbeat_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id, code, reason],
    );
  }

  /** Fails running imports whose process stopped beating (all of them, or one). */
  async failStale(id?: string): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE ${this.imports} SET status = 'failed', failure_code = $1,
         failure_reason = CASE language WHEN 'zh' THEN $3 ELSE $2 END, finished_at = now()
       WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $4)
         AND ($5::uuid IS NULL OR id = $5)
       RETURNING 1`,
      [
        ImportErrorCode.IMPORT_INTERRUPTED,
        importMessages.staleImport.en,
        importMessages.staleImport.zh,
        STALE_AFTER_SECONDS,
        id ?? null,
      ],
    );
    return rows.length;
  }

  /**
   * Keeps every problem of every rejected row of the staging table `staging`
   * (columns row_number, errors: a jsonb array of { field, reason }, and
   * raw_values), for the summary and errors.xlsx.
   */
  async saveRejections(importId: string, staging: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO ${this.rejections} (import_id, row_number, field, reason, raw_values)
       SELECT $1, s.row_number, e.field, e.reason, s.raw_values
       FROM ${staging} s CROSS JOIN LATERAL jsonb_to_recordset(s.errors) AS e(field text, reason text)
       WHERE s.errors IS NOT NULL`,
      [importId],
    );
  }

  /** Rejected rows in row order, a batch after `afterRow`, each with all its reasons. */
  async rejectedRows(importId: string, afterRow: number, limit: number): Promise<RejectedRow[]> {
    return this.tx.query<RejectedRow>(
      `SELECT row_number AS "rowNumber", (array_agg(raw_values))[1] AS "rawValues",
         jsonb_agg(jsonb_build_object('field', field, 'reason', reason) ORDER BY field) AS errors
       FROM ${this.rejections}
       WHERE import_id = $1 AND row_number > $2
       GROUP BY row_number ORDER BY row_number LIMIT $3`,
      [importId, afterRow, limit],
    );
  }
}
