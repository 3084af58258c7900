import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { callerKey, Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { NotFoundException } from '../../../core/errors/domain.exception';
import { Language } from '../../../core/i18n/text';
import {
  IdempotencyKeyReusedException,
  parseIdempotencyKey,
  requestFingerprint,
} from '../../../core/idempotency/idempotency';
import { OwnerNotAllowedException, OwnerOutOfScopeException } from '../customers.exception';
import { decideOwner } from '../domain/ownership';
import { CustomerImportRunner, ImportJob, ImportRunResult } from './customer-import.runner';
import {
  ImportNotCompletedException,
  ImportsBusyException,
  importMessages,
  MissingColumnException,
} from './customer-imports.exception';
import {
  CustomerImportsRepository,
  ImportRecord,
  RejectedRow,
} from './customer-imports.repository';
import { recognizeColumns } from './domain/header-mapping';
import { CustomerImportResponse } from './dto/customer-import.dto';
import { writeErrorReport } from './error-report';
import { ImportStagingRepository } from './import-staging.repository';
import { StagingSheet, StagingSheetPool } from './sheets/staging-sheet-pool';
import { ReceivedUpload } from './upload/import-upload';

/** An import that has not finished by then is answered 202 and goes on in the background. */
const RESPONSE_BUDGET_MS = 2000;
/** Imports this process runs at once (each holds a pooled connection); more get 429. A soft limit. */
const MAX_RUNNING_IMPORTS = 4;
const BUSY_RETRY_AFTER_SECONDS = 10;
const REPORT_BATCH_ROWS = 2000;

export interface ImportStarted {
  summary: CustomerImportResponse;
  /** True when an Idempotency-Key replay answered with an earlier import. */
  replayed: boolean;
}

export interface ErrorReport {
  fileName: string;
  content: Readable;
}

@Injectable()
export class CustomerImportsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CustomerImportsService.name);
  /** Imports running in this process, so that shutdown can stop them cleanly. */
  private readonly running = new Set<Promise<ImportRunResult>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly tx: TransactionHost,
    private readonly imports: CustomerImportsRepository,
    private readonly staging: ImportStagingRepository,
    private readonly runner: CustomerImportRunner,
    private readonly scope: DataScopeService,
    private readonly sheets: StagingSheetPool,
  ) {}

  /**
   * Imports left running by a process that died are failed once their
   * heartbeat is stale (the UploadReceiver removes the files they left).
   */
  async onApplicationBootstrap(): Promise<void> {
    const failed = await this.imports.failStale();
    if (failed) {
      this.logger.warn(`Failed ${failed} customer imports left running by a stopped process`);
    }
  }

  /** Stops the imports in flight: each rolls back and is recorded as interrupted. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await Promise.all(this.running);
  }

  /**
   * Imports an uploaded file, answering within the response budget with the
   * finished import or the running one. With an Idempotency-Key, a repeat of
   * the same request answers with the import it started. The uploaded file is
   * deleted when the import ends, or at once if the request is refused.
   */
  async start(
    principal: Principal,
    upload: ReceivedUpload,
    idempotencyHeader: string | string[] | undefined,
    language: Language,
  ): Promise<ImportStarted> {
    let sheet: StagingSheet | undefined;
    let runnerOwnsFile = false;
    try {
      const key = parseIdempotencyKey(idempotencyHeader) ?? null;
      const fingerprint = fingerprintOf(upload);
      const earlier = key === null ? undefined : await this.replay(principal, key, fingerprint);
      if (earlier) return earlier;
      if (this.running.size >= MAX_RUNNING_IMPORTS) {
        throw new ImportsBusyException(BUSY_RETRY_AFTER_SECONDS);
      }
      const defaultOwnerId = await this.defaultOwner(principal, upload.ownerId);
      sheet = await this.sheets.open(upload.path);
      const layout = recognizeColumns(sheet.headers, upload.mapping);
      if (!layout.ok) throw new MissingColumnException(layout.errors);
      const registered = await this.register(principal, upload, sheet, language, key, fingerprint);
      if ('summary' in registered) return registered;
      runnerOwnsFile = true;
      const record = await this.launch({
        id: registered.id,
        principal,
        fileName: upload.fileName,
        fileSha256: upload.sha256,
        filePath: upload.path,
        sheet,
        layout: layout.value,
        // The merge may reject valid rows of a caller who does not see every customer.
        staging: { defaultOwnerId, keepCells: !this.scope.scopeOf(principal).all, language },
      });
      return { summary: toResponse(record), replayed: false };
    } finally {
      if (!runnerOwnsFile) {
        await sheet?.close();
        await rm(upload.path, { force: true });
      }
    }
  }

  /** The import, if the caller ran it or its creator is in the caller's data scope. */
  async get(principal: Principal, id: string): Promise<CustomerImportResponse> {
    return toResponse(await this.findVisible(principal, id));
  }

  /** The rejected rows of a completed import as a workbook, streamed in batches. */
  async errorReport(principal: Principal, id: string): Promise<ErrorReport> {
    const record = await this.findVisible(principal, id);
    if (record.status !== 'completed') throw new ImportNotCompletedException(record.status);
    return {
      fileName: `customer-import-${id}-errors.xlsx`,
      content: writeErrorReport(record.headers, this.rejectedRowBatches(id)),
    };
  }

  private async findVisible(principal: Principal, id: string): Promise<ImportRecord> {
    await this.imports.failStale(id);
    const params = new SqlParams();
    const visible = `(ci.caller_key = ${params.add(callerKey(principal))}
      OR ${this.scope.predicate(principal, 'ci.created_by', params)})`;
    const record = await this.imports.findVisible(id, params, visible);
    if (!record) throw new NotFoundException(importMessages.customerImport, id);
    return record;
  }

  /**
   * The import that holds the caller's key, if it was started by the same
   * request (same file, ownerId and mapping); another request gets 409.
   */
  private async replay(
    principal: Principal,
    key: string,
    fingerprint: string,
  ): Promise<ImportStarted | undefined> {
    await this.imports.failStale();
    const earlier = await this.imports.findByIdempotencyKey(callerKey(principal), key);
    if (!earlier) return undefined;
    const { requestFingerprint, ...record } = earlier;
    if (requestFingerprint !== fingerprint) throw new IdempotencyKeyReusedException();
    return { summary: toResponse(record), replayed: true };
  }

  /**
   * Records the import as running. If a concurrent request with the same key
   * got in first, that request's import is the answer; if that import has
   * failed meanwhile, its key is free again and the next insert takes it.
   */
  private async register(
    principal: Principal,
    upload: ReceivedUpload,
    sheet: StagingSheet,
    language: Language,
    key: string | null,
    fingerprint: string,
  ): Promise<ImportRecord | ImportStarted> {
    for (;;) {
      const record = await this.imports.insertRunning({
        createdBy: principal.userId,
        callerKey: callerKey(principal),
        idempotencyKey: key,
        requestFingerprint: fingerprint,
        fileSha256: upload.sha256,
        fileName: upload.fileName,
        format: sheet.format,
        headers: sheet.headers,
        language,
      });
      if (record) return record;
      const concurrent = await this.replay(principal, key!, fingerprint);
      if (concurrent) return concurrent;
    }
  }

  /** Rows without an owner column go where POST /customers would put them; an ownerId must be assignable. */
  private async defaultOwner(
    principal: Principal,
    requested: string | undefined,
  ): Promise<string | null> {
    const decision = decideOwner(principal, requested);
    if (decision === 'rep_must_own') throw new OwnerNotAllowedException();
    if (
      decision.kind === 'check_scope' &&
      !(await this.staging.canAssignTo(principal, decision.userId))
    ) {
      throw new OwnerOutOfScopeException('ownerId');
    }
    return decision.userId;
  }

  /**
   * Runs the import outside the request's async context (it may outlive the
   * request) and waits for it up to the response budget.
   */
  private async launch(job: ImportJob): Promise<ImportRecord> {
    const run = this.tx.detached(() => this.runner.run(job, this.shutdown.signal));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    const result = await settleWithin(run, RESPONSE_BUDGET_MS);
    if (!result) return (await this.imports.findById(job.id))!;
    if ('failure' in result) throw result.failure;
    return result.record;
  }

  private async *rejectedRowBatches(importId: string): AsyncGenerator<RejectedRow[]> {
    let afterRow = 0;
    for (;;) {
      const rows = await this.imports.rejectedRows(importId, afterRow, REPORT_BATCH_ROWS);
      if (rows.length) yield rows;
      if (rows.length < REPORT_BATCH_ROWS) return;
      afterRow = rows[rows.length - 1].rowNumber;
    }
  }
}

/** "The same request": the same file, ownerId and mapping (key order aside). */
function fingerprintOf(upload: ReceivedUpload): string {
  return requestFingerprint('POST', 'customers/imports', {
    sha256: upload.sha256,
    ownerId: upload.ownerId ?? null,
    mapping: Object.fromEntries(upload.mapping),
  });
}

/** The work's result if it settles within `ms`, else undefined (the work goes on). */
async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function toResponse(record: ImportRecord): CustomerImportResponse {
  const { headers: _forTheReportOnly, ...visible } = record;
  return {
    ...visible,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
