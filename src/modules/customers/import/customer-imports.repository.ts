import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { RETENTION_HOURS } from '../../../core/idempotency/idempotency';
import { ImportRowError, ImportStatus } from './customer-import.entity';
import { Language } from '../../../core/i18n/text';
import { CustomerImportErrorCode, importMessages } from './customer-imports.exception';
import { SheetFormat } from './domain/file-format';
import { ImportCounts } from './domain/import-counts';

/** A running import whose heartbeat is older than this has lost its process. */
export const STALE_AFTER_SECONDS = 120;
/** The summary lists this many row errors; the error report has them all. */
const LISTED_ERRORS = 1000;

/** An import as the API reports it. */
export interface ImportRecord {
  id: string;
  status: ImportStatus;
  fileName: string;
  format: SheetFormat;
  headers: string[];
  totalRows: number | null;
  processedRows: number;
  created: number;
  merged: number;
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

const RECORD_COLUMNS = `ci.id, ci.status, ci.file_name AS "fileName", ci.format, ci.headers,
  ci.total_rows AS "totalRows", ci.processed_rows AS "processedRows", ci.created, ci.merged,
  ci.invalid, ci.errors, ci.failure_code AS "failureCode", ci.failure_reason AS "failureReason",
  ci.created_at AS "createdAt", ci.finished_at AS "finishedAt"`;

/** SQL over customer_imports and customer_import_rejections. */
@Injectable()
export class CustomerImportsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts a running import; undefined if the caller's idempotency key is taken. */
  async insertRunning(input: NewImport): Promise<ImportRecord | undefined> {
    const [row] = await this.tx.query<ImportRecord>(
      `INSERT INTO customer_imports AS ci (created_by, caller_key, idempotency_key, request_fingerprint,
         file_sha256, file_name, format, headers, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (caller_key, idempotency_key) DO NOTHING
       RETURNING ${RECORD_COLUMNS}`,
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
  ): Promise<(ImportRecord & { requestFingerprint: string }) | undefined> {
    await this.tx.query(
      `UPDATE customer_imports SET idempotency_key = NULL
       WHERE caller_key = $1 AND idempotency_key = $2
         AND (status = 'failed' OR created_at < now() - make_interval(hours => $3))`,
      [callerKey, key, RETENTION_HOURS],
    );
    const [row] = await this.tx.query<ImportRecord & { requestFingerprint: string }>(
      `SELECT ${RECORD_COLUMNS}, ci.request_fingerprint AS "requestFingerprint"
       FROM customer_imports ci WHERE ci.caller_key = $1 AND ci.idempotency_key = $2`,
      [callerKey, key],
    );
    return row;
  }

  async findById(id: string): Promise<ImportRecord | undefined> {
    const [row] = await this.tx.query<ImportRecord>(
      `SELECT ${RECORD_COLUMNS} FROM customer_imports ci WHERE ci.id = $1`,
      [id],
    );
    return row;
  }

  /** The import if `visibleSql` (built on `params`, over `ci`) admits it. */
  async findVisible(
    id: string,
    params: SqlParams,
    visibleSql: string,
  ): Promise<ImportRecord | undefined> {
    const [row] = await this.tx.query<ImportRecord>(
      `SELECT ${RECORD_COLUMNS} FROM customer_imports ci WHERE ci.id = ${params.add(id)} AND ${visibleSql}`,
      params.values,
    );
    return row;
  }

  /** Progress from outside the import's transaction; also the heartbeat. */
  async recordProgress(id: string, processedRows: number, totalRows: number | null): Promise<void> {
    await this.tx.query(
      `UPDATE customer_imports SET processed_rows = $2, total_rows = $3, heartbeat_at = now()
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
  async complete(id: string, counts: ImportCounts): Promise<ImportRecord | undefined> {
    const [row] = await this.tx.query<ImportRecord>(
      `UPDATE customer_imports ci SET status = 'completed', total_rows = $2, processed_rows = $2,
         created = $3, merged = $4, invalid = $5, finished_at = clock_timestamp(), heartbeat_at = now(),
         errors = (SELECT coalesce(jsonb_agg(jsonb_build_object('row', r.row_number, 'field', r.field,
                     'reason', r.reason) ORDER BY r.row_number, r.field), '[]')
                   FROM (SELECT row_number, field, reason FROM customer_import_rejections
                         WHERE import_id = $1 ORDER BY row_number, field LIMIT $6) r)
       WHERE ci.id = $1 AND ci.status = 'running'
       RETURNING ${RECORD_COLUMNS}`,
      [id, counts.totalRows, counts.created, counts.merged, counts.invalid, LISTED_ERRORS],
    );
    return row;
  }

  async fail(id: string, code: string, reason: string): Promise<void> {
    await this.tx.query(
      `UPDATE customer_imports SET status = 'failed', failure_code = $2, failure_reason = $3,
         finished_at = now(), heartbeat_at = now()
       WHERE id = $1 AND status = 'running'`,
      [id, code, reason],
    );
  }

  /** Fails running imports whose process stopped beating (all of them, or one). */
  async failStale(id?: string): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE customer_imports SET status = 'failed', failure_code = $1,
         failure_reason = CASE language WHEN 'zh' THEN $3 ELSE $2 END, finished_at = now()
       WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $4)
         AND ($5::uuid IS NULL OR id = $5)
       RETURNING 1`,
      [
        CustomerImportErrorCode.IMPORT_INTERRUPTED,
        importMessages.staleImport.en,
        importMessages.staleImport.zh,
        STALE_AFTER_SECONDS,
        id ?? null,
      ],
    );
    return rows.length;
  }

  /** Rejected rows in row order, a batch after `afterRow`, each with all its reasons. */
  async rejectedRows(importId: string, afterRow: number, limit: number): Promise<RejectedRow[]> {
    return this.tx.query<RejectedRow>(
      `SELECT row_number AS "rowNumber", (array_agg(raw_values))[1] AS "rawValues",
         jsonb_agg(jsonb_build_object('field', field, 'reason', reason) ORDER BY field) AS errors
       FROM customer_import_rejections
       WHERE import_id = $1 AND row_number > $2
       GROUP BY row_number ORDER BY row_number LIMIT $3`,
      [importId, afterRow, limit],
    );
  }
}
