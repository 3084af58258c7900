import { Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { AuditService } from '../../../core/audit/audit.service';
import { Principal } from '../../../core/auth/principal';
import { TransactionHost } from '../../../core/database/transaction-host';
import { isDatabaseUnavailable } from '../../../core/database/database-errors';
import { retryWhileUnavailable } from '../../../core/database/retry-while-unavailable';
import { CommonErrorCode, DomainException } from '../../../core/errors/domain.exception';
import { Text } from '../../../core/i18n/text';
import {
  ImportInterruptedException,
  importMessages,
  TooManyRowsException,
} from './customer-imports.exception';
import {
  CustomerImportsRepository,
  ImportRecord,
  STALE_AFTER_SECONDS,
} from './customer-imports.repository';
import { ColumnLayout } from './domain/header-mapping';
import { StagingOptions } from './domain/staging-row';
import { countImport, MergeFacts } from './domain/import-counts';
import { ImportProgress } from './import-progress';
import { ImportStagingRepository } from './import-staging.repository';
import { inMergeChunks, readAhead } from './merge-chunks';
import { StagingRecords } from './sheets/sheet-thread.protocol';
import { StagingSheet } from './sheets/staging-sheet-pool';

export const MAX_IMPORT_ROWS = 1_000_000;

/** Everything one import needs; the runner owns the sheet and the file from here on. */
export interface ImportJob {
  id: string;
  principal: Principal;
  fileName: string;
  fileSha256: string;
  filePath: string;
  sheet: StagingSheet;
  layout: ColumnLayout;
  staging: StagingOptions;
}

export type ImportRunResult = { record: ImportRecord } | { failure: unknown };

/**
 * Runs one import from the open sheet to its recorded end, in one transaction:
 * every chunk's merge and rejected rows, the completed record and its audit
 * event commit together, or none of them does.
 */
@Injectable()
export class CustomerImportRunner {
  private readonly logger = new Logger(CustomerImportRunner.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly imports: CustomerImportsRepository,
    private readonly staging: ImportStagingRepository,
    private readonly audit: AuditService,
  ) {}

  /** Never rejects: a failure is recorded on the import and returned. */
  async run(job: ImportJob, signal: AbortSignal): Promise<ImportRunResult> {
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
      await job.sheet.close();
      await rm(job.filePath, { force: true });
    }
  }

  private async load(
    job: ImportJob,
    progress: ImportProgress,
    signal: AbortSignal,
  ): Promise<ImportRecord> {
    await this.staging.begin();
    const counts = countImport(await this.mergeInChunks(job, progress, signal));
    const record = await this.imports.complete(job.id, counts);
    if (!record) {
      throw new ImportInterruptedException(importMessages.failedAsStale);
    }
    await this.audit.append({
      actor: job.principal,
      entity: 'customer_import',
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
    job: ImportJob,
    progress: ImportProgress,
    signal: AbortSignal,
  ): Promise<MergeFacts> {
    const started = Date.now();
    const facts: MergeFacts = { totalRows: 0, invalidRows: 0, customersCreated: 0 };
    let chunks = 0;
    let databaseMs = 0;
    const batches = this.stagingBatches(job, progress, signal);
    for await (const chunk of readAhead(inMergeChunks(batches))) {
      const chunkStarted = Date.now();
      const merged = await this.staging.mergeChunk(chunk.records, {
        importId: job.id,
        principal: job.principal,
        namesOwners: job.layout.owner !== undefined,
        rowsBefore: facts.totalRows,
        language: job.staging.language,
      });
      databaseMs += Date.now() - chunkStarted;
      chunks++;
      facts.totalRows += merged.totalRows;
      facts.invalidRows += merged.invalidRows;
      facts.customersCreated += merged.customersCreated;
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
      'Customer import merged',
    );
    return facts;
  }

  /** The sheet's rows as COPY text, a batch at a time; stops at the row limit or on shutdown. */
  private async *stagingBatches(
    job: ImportJob,
    progress: ImportProgress,
    signal: AbortSignal,
  ): AsyncGenerator<StagingRecords> {
    let rows = 0;
    for await (const batch of job.sheet.batches(job.layout, job.staging)) {
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
  private async recordFailure(job: ImportJob, error: unknown, signal: AbortSignal): Promise<void> {
    const id = job.id;
    const { code, reason } = failureOf(error);
    if (code === CommonErrorCode.INTERNAL_ERROR) {
      this.logger.error({ err: error, importId: id }, 'Customer import failed');
    } else if (code === CommonErrorCode.DATABASE_UNAVAILABLE) {
      this.logger.warn(
        { err: error, importId: id },
        'Customer import failed: database unavailable',
      );
    }
    try {
      const written = reason[job.staging.language];
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
