import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DataScopeService } from '../auth/data-scope/data-scope.service';
import { callerKey, Principal } from '../auth/principal';
import { SqlParams } from '../database/sql-params';
import { TransactionHost } from '../database/transaction-host';
import { NotFoundException } from '../errors/domain.exception';
import { Language, Text } from '../i18n/text';
import {
  IdempotencyKeyReusedException,
  parseIdempotencyKey,
  requestFingerprint,
} from '../idempotency/idempotency';
import { writeErrorReport } from './error-report';
import { ColumnLayout } from './header-mapping';
import { ImportJournal, ImportRecord, RejectedRow } from './import-journal';
import { ImportJob, ImportRunner, ImportRunResult } from './import-runner';
import { ImportNotCompletedException, ImportsBusyException } from './imports.exception';
import { StagingSheet, StagingSheetPool } from './sheets/staging-sheet-pool';
import { ReceivedImportUpload } from './upload/import-upload';

/** An import that has not finished by then is answered 202 and goes on in the background. */
const RESPONSE_BUDGET_MS = 2000;
/** Imports this process runs at once, per importer (each holds a pooled connection); more get 429. A soft limit. */
const MAX_RUNNING_IMPORTS = 4;
const BUSY_RETRY_AFTER_SECONDS = 10;
const REPORT_BATCH_ROWS = 2000;

/** An import as the API shows it: the record without the header row, times as ISO strings. */
export type ImportSummary<K extends string> = Omit<
  ImportRecord<K>,
  'headers' | 'createdAt' | 'finishedAt'
> & { createdAt: string; finishedAt: string | null };

export interface ImportStarted<K extends string> {
  summary: ImportSummary<K>;
  /** True when an Idempotency-Key replay answered with an earlier import. */
  replayed: boolean;
}

export interface ErrorReport {
  fileName: string;
  content: Readable;
}

/** What an importer makes of the uploaded sheet: its columns and the formatter's options. */
export interface ImportPlan<Options> {
  layout: ColumnLayout;
  options: Options;
}

/**
 * The request side of a spreadsheet import, shared by the importers: the
 * Idempotency-Key (scoped to the caller, replaying the import a request
 * started), the limit of imports running at once, registering the import,
 * running it detached within a response budget (201 finished, 202 running),
 * the summary and errors.xlsx of an import visible to the caller (its creator,
 * or a creator in the caller's data scope), and stopping cleanly on shutdown.
 *
 * An importer supplies `route` and `noun`, what makes two requests "the same"
 * beside the file (fingerprintFields), and plan(): the check of its columns
 * and options once the header is read.
 */
export abstract class SpreadsheetImportService<
  K extends string,
  Options,
  Upload extends ReceivedImportUpload,
>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(this.constructor.name);
  /** Imports running in this process, so that shutdown can stop them cleanly. */
  private readonly running = new Set<Promise<ImportRunResult<K>>>();
  private readonly shutdown = new AbortController();

  /** The route, for the request fingerprint, e.g. `customers/imports`. */
  protected abstract readonly route: string;
  /** The error report's file name prefix, e.g. `customer-import`. */
  protected abstract readonly reportName: string;
  /** What a 404 names, e.g. "Customer import". */
  protected abstract readonly noun: Text;
  /** The formatter module of the sheet thread (see StagingPlan). */
  protected abstract readonly formatter: string;

  constructor(
    protected readonly tx: TransactionHost,
    protected readonly imports: ImportJournal<K>,
    private readonly runner: ImportRunner<K, Options>,
    protected readonly scope: DataScopeService,
    private readonly sheets: StagingSheetPool,
  ) {}

  /** The request's fields beside the file that make it "the same request" for a replay. */
  protected abstract fingerprintFields(upload: Upload): Record<string, unknown>;

  /**
   * Checks the request before the file is opened (e.g. who may own the rows);
   * what it returns is handed to plan().
   */
  protected abstract authorize(principal: Principal, upload: Upload): Promise<unknown>;

  /** Recognises the columns of the header and builds the formatter's options; throws a 400 if it cannot. */
  protected abstract plan(
    principal: Principal,
    upload: Upload,
    headers: string[],
    language: Language,
    authorized: unknown,
  ): Promise<ImportPlan<Options>>;

  /**
   * Imports left running by a process that died are failed once their
   * heartbeat is stale (the UploadReceiver removes the files they left).
   */
  async onApplicationBootstrap(): Promise<void> {
    const failed = await this.imports.failStale();
    if (failed) {
      this.logger.warn(`Failed ${failed} imports left running by a stopped process`);
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
    upload: Upload,
    idempotencyHeader: string | string[] | undefined,
    language: Language,
  ): Promise<ImportStarted<K>> {
    let sheet: StagingSheet | undefined;
    let runnerOwnsFile = false;
    try {
      const key = parseIdempotencyKey(idempotencyHeader) ?? null;
      const fingerprint = requestFingerprint('POST', this.route, {
        sha256: upload.sha256,
        ...this.fingerprintFields(upload),
        mapping: Object.fromEntries(upload.mapping),
      });
      const earlier = key === null ? undefined : await this.replay(principal, key, fingerprint);
      if (earlier) return earlier;
      if (this.running.size >= MAX_RUNNING_IMPORTS) {
        throw new ImportsBusyException(BUSY_RETRY_AFTER_SECONDS);
      }
      const authorized = await this.authorize(principal, upload);
      sheet = await this.sheets.open(upload.path);
      const plan = await this.plan(principal, upload, sheet.headers, language, authorized);
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
        plan: { formatter: this.formatter, ...plan },
        language,
      });
      return { summary: toSummary(record), replayed: false };
    } finally {
      if (!runnerOwnsFile) {
        await sheet?.close();
        await rm(upload.path, { force: true });
      }
    }
  }

  /** The import, if the caller ran it or its creator is in the caller's data scope. */
  async get(principal: Principal, id: string): Promise<ImportSummary<K>> {
    return toSummary(await this.findVisible(principal, id));
  }

  /** The rejected rows of a completed import as a workbook, streamed in batches. */
  async errorReport(principal: Principal, id: string): Promise<ErrorReport> {
    const record = await this.findVisible(principal, id);
    if (record.status !== 'completed') throw new ImportNotCompletedException(record.status);
    return {
      fileName: `${this.reportName}-${id}-errors.xlsx`,
      content: writeErrorReport(record.headers, this.rejectedRowBatches(id)),
    };
  }

  private async findVisible(principal: Principal, id: string): Promise<ImportRecord<K>> {
    await this.imports.failStale(id);
    const params = new SqlParams();
    const visible = `(ci.caller_key = ${params.add(callerKey(principal))}
      OR ${this.scope.predicate(principal, 'ci.created_by', params)})`;
    const record = await this.imports.findVisible(id, params, visible);
    if (!record) throw new NotFoundException(this.noun, id);
    return record;
  }

  /**
   * The import that holds the caller's key, if it was started by the same
   * request (same file and options); another request gets 409.
   */
  private async replay(
    principal: Principal,
    key: string,
    fingerprint: string,
  ): Promise<ImportStarted<K> | undefined> {
    await this.imports.failStale();
    const earlier = await this.imports.findByIdempotencyKey(callerKey(principal), key);
    if (!earlier) return undefined;
    const { requestFingerprint, ...record } = earlier;
    if (requestFingerprint !== fingerprint) throw new IdempotencyKeyReusedException();
    return { summary: toSummary(record as ImportRecord<K>), replayed: true };
  }

  /**
   * Records the import as running. If a concurrent request with the same key
   * got in first, that request's import is the answer; if that import has
   * failed meanwhile, its key is free again and the next insert takes it.
   */
  private async register(
    principal: Principal,
    upload: Upload,
    sheet: StagingSheet,
    language: Language,
    key: string | null,
    fingerprint: string,
  ): Promise<ImportRecord<K> | ImportStarted<K>> {
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

  /**
   * Runs the import outside the request's async context (it may outlive the
   * request) and waits for it up to the response budget.
   */
  private async launch(job: ImportJob<Options>): Promise<ImportRecord<K>> {
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

function toSummary<K extends string>(record: ImportRecord<K>): ImportSummary<K> {
  const { headers: _forTheReportOnly, ...visible } = record;
  return {
    ...visible,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  } as ImportSummary<K>;
}
