import { Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { TransactionHost } from '../database/transaction-host';
import { isDatabaseUnavailable } from '../database/database-errors';
import { retryWhileUnavailable } from '../database/retry-while-unavailable';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import { Language, Text } from '../i18n/text';
import { ImportCounts, ImportJournal, ImportRecord, STALE_AFTER_SECONDS } from './import-journal';
import { ImportProgress } from './import-progress';
import {
  ImportInterruptedException,
  sharedImportMessages as importMessages,
  TooManyRowsException,
} from './imports.exception';
import { inMergeChunks, readAhead } from './merge-chunks';
import { StagingPlan, StagingRecords } from './sheets/sheet-thread.protocol';
import { StagingSheet } from './sheets/staging-sheet-pool';

export const MAX_IMPORT_ROWS = 1_000_000;

/** Everything one import needs; the runner owns the sheet and the file from here on. */
export interface ImportJob<Options = unknown> {
  id: string;
  principal: Principal;
  fileName: string;
  fileSha256: string;
  filePath: string;
  sheet: StagingSheet;
  /** How the sheet thread stages the rows: the importer's formatter, the columns, the options. */
  plan: StagingPlan & { options: Options };
  /** The language of the request that started the import: rejected rows' and failures' reasons are in it. */
  language: Language;
}

export type ImportRunResult<K extends string = string> =
  { record: ImportRecord<K> } | { failure: unknown };

/** What the merge reports, for one chunk of the file or summed over all of them. */
export interface MergeFacts {
  /** Non-blank data rows read from the file. */
  totalRows: number;
  /** Rows rejected, by validation or by the merge's own checks. */
  invalidRows: number;
  /** Rows the merge inserted as new records. */
  created: number;
}

/**
 * Runs one import from the open sheet to its recorded end, in one transaction:
 * every chunk's merge and rejected rows, the completed record and its audit
 * event commit together, or none of them does. Each importer extends it with
 * its staging table and merge statement (begin, mergeChunk) and its counting
 * rule.
 */
export abstract class ImportRunner<K extends string, Options> {
  private readonly logger = new Logger(this.constructor.name);

  /** e.g. "Customer import", for the log. */
  protected abstract readonly label: string;
  /** The audit trail's entity of a completed import, e.g. `customer_import`. */
  protected abstract readonly auditEntity: string;

  constructor(
    protected readonly tx: TransactionHost,
    protected readonly imports: ImportJournal<K>,
    private readonly audit: AuditService,
  ) {}

  /** In the import's transaction, before the first chunk: locks, the staging table. */
  protected abstract begin(job: ImportJob<Options>): Promise<void>;

  /**
   * Stages one chunk of the file (COPY records, in file order) and merges it;
   * `rowsBefore` is the count of rows in earlier chunks.
   */
  protected abstract mergeChunk(
    records: Uint8Array[],
    job: ImportJob<Options>,
    rowsBefore: number,
  ): Promise<MergeFacts>;

  /** The summary counts from the facts of the whole file. */
  protected abstract count(facts: MergeFacts): ImportCounts<K>;

  /** Never rejects: a failure is recorded on the import and returned. */
  async run(job: ImportJob<Options>, signal: AbortSignal): Promise<ImportRunResult<K>> {
    const progress = new ImportProgress((processed, total) =>
      this.tx.detached(() => this.imports.recordProgress(job.id, processed, total)),
    );
    try {
      return { record: await this.tx.withTransaction(() => this.load(job, progress, signal)) };
    } catch (error) {
      await this.recordFailure(job, error, signal);
      return { failure: error };
    } finally {
      await progress.stop();
      await releaseFile(job);
    }
  }

  private async load(
    job: ImportJob<Options>,
    progress: ImportProgress,
    signal: AbortSignal,
  ): Promise<ImportRecord<K>> {
    await this.begin(job);
    const counts = this.count(await this.mergeInChunks(job, progress, signal));
    // The file is read: gone before the import reads as completed, so a client
    // (or a test) that sees it completed never finds its upload still on disk.
    await releaseFile(job);
    const record = await this.imports.complete(job.id, counts);
    if (!record) {
      throw new ImportInterruptedException(importMessages.failedAsStale);
    }
    await this.audit.append({
      actor: job.principal,
      entity: this.auditEntity,
      entityId: job.id,
      action: 'completed',
      data: { fileName: job.fileName, fileSha256: job.fileSha256, ...counts },
    });
    return record;
  }

  /**
   * Merges the file chunk by chunk, in file order, while the sheet threads
   * read and format the next chunk (see readAhead), so that reading and
   * merging, each about half of a large import, overlap.
   */
  private async mergeInChunks(
    job: ImportJob<Options>,
    progress: ImportProgress,
    signal: AbortSignal,
  ): Promise<MergeFacts> {
    const started = Date.now();
    const facts: MergeFacts = { totalRows: 0, invalidRows: 0, created: 0 };
    let chunks = 0;
    let databaseMs = 0;
    const batches = this.stagingBatches(job, progress, signal);
    for await (const chunk of readAhead(inMergeChunks(batches))) {
      const chunkStarted = Date.now();
      const merged = await this.mergeChunk(chunk.records, job, facts.totalRows);
      databaseMs += Date.now() - chunkStarted;
      chunks++;
      facts.totalRows += merged.totalRows;
      facts.invalidRows += merged.invalidRows;
      facts.created += merged.created;
    }
    // databaseMs near totalMs: PostgreSQL is the bottleneck; far below: reading the file is.
    this.logger.log(
      {
        importId: job.id,
        rows: facts.totalRows,
        chunks,
        totalMs: Date.now() - started,
        databaseMs,
      },
      `${this.label} merged`,
    );
    return facts;
  }

  /** The sheet's rows as COPY text, a batch at a time; stops at the row limit or on shutdown. */
  private async *stagingBatches(
    job: ImportJob<Options>,
    progress: ImportProgress,
    signal: AbortSignal,
  ): AsyncGenerator<StagingRecords> {
    let rows = 0;
    for await (const batch of job.sheet.batches(job.plan)) {
      if (signal.aborted) {
        throw new ImportInterruptedException(importMessages.interruptedByShutdown);
      }
      rows += batch.rows;
      if (rows > MAX_IMPORT_ROWS) throw new TooManyRowsException(MAX_IMPORT_ROWS);
      yield batch;
      progress.advance(rows);
    }
    progress.finishReading(rows);
  }

  /**
   * Records why the import failed. If the database itself went away, the
   * record waits for it to come back (retrying for as long as the stale-import
   * sweep would take to notice), so that the import reads `failed` with a
   * reason within a moment of recovery, and a retry with the same
   * Idempotency-Key runs again instead of replaying `running`.
   */
  private async recordFailure(
    job: ImportJob<Options>,
    error: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    const id = job.id;
    const { code, reason } = failureOf(error);
    if (code === CommonErrorCode.INTERNAL_ERROR) {
      this.logger.error({ err: error, importId: id }, `${this.label} failed`);
    } else if (code === CommonErrorCode.DATABASE_UNAVAILABLE) {
      this.logger.warn({ err: error, importId: id }, `${this.label} failed: database unavailable`);
    }
    try {
      const written = reason[job.language];
      await retryWhileUnavailable(() => this.imports.fail(id, code, written), {
        signal,
        giveUpAfterMs: STALE_AFTER_SECONDS * 1000,
      });
    } catch (failure) {
      // Past this, the stale-heartbeat sweep fails the import.
      this.logger.error({ err: failure, importId: id }, 'Could not record the failed import');
    }
  }
}

/** What an import's record says about the error that stopped it, in the importer's language. */
function failureOf(error: unknown): { code: string; reason: Text } {
  if (error instanceof DomainException) return { code: error.code, reason: error.detail };
  if (isDatabaseUnavailable(error)) {
    return { code: CommonErrorCode.DATABASE_UNAVAILABLE, reason: importMessages.databaseLost };
  }
  return { code: CommonErrorCode.INTERNAL_ERROR, reason: importMessages.unexpectedFailure };
}

/** Stops reading the import's file and deletes it; safe to call more than once. */
async function releaseFile(job: ImportJob<unknown>): Promise<void> {
  await job.sheet.close();
  await rm(job.filePath, { force: true });
}
