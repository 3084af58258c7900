import { on } from 'node:events';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SheetFormat } from '../domain/file-format';
import type { ColumnLayout } from '../domain/header-mapping';
import { deserializeError, FromWorker, ToWorker } from './sheet-worker.protocol';

/**
 * The build runs the compiled .js beside this file. Under ts-jest or ts-node
 * this file is the .ts source, and the worker compiles its own source the same
 * way (transpile only: type checking is tsc's job).
 */
const SOURCE_EXTENSION = extname(__filename);
const WORKER_SCRIPT = join(__dirname, `sheet-worker.thread${SOURCE_EXTENSION}`);
const WORKER_EXEC_ARGV =
  SOURCE_EXTENSION === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined;

/** Starts a sheet worker thread, which loads its modules and waits for a file (see SheetWorker.open). */
export function startSheetWorker(): Worker {
  return new Worker(WORKER_SCRIPT, { execArgv: WORKER_EXEC_ARGV });
}

/** Rows of the sheet as COPY records of the staging table, in UTF-8. */
export interface StagingRecords {
  text: Buffer;
  /** How many sheet rows the text holds. */
  rows: number;
}

/**
 * An uploaded spreadsheet, read in a worker thread. Parsing, validating and
 * formatting the rows is the CPU-heavy part of an import (seconds per million
 * rows); in a worker it runs beside the COPY into PostgreSQL, and the event
 * loop stays free for requests.
 *
 * open() waits for the header, so the columns are checked before the import is
 * answered; stagingRecords() then streams the rows, with at most
 * MAX_RECORDS_IN_FLIGHT batches between the threads. close() ends the worker
 * at any point, and must be called on every path.
 */
export class SheetWorker {
  private constructor(
    private readonly worker: Worker,
    private readonly messages: AsyncIterator<FromWorker[]>,
    readonly format: SheetFormat,
    readonly headers: string[],
  ) {}

  /**
   * Gives a started worker (see startSheetWorker) the file and waits for its
   * header. A file that is not a readable spreadsheet is an
   * UnsupportedFileException, as from openSheet; the worker is then ended.
   */
  static async open(worker: Worker, path: string): Promise<SheetWorker> {
    // Subscribed before the first await, so no message is missed; 'error' rejects, 'exit' ends.
    const messages = on(worker, 'message', { close: ['exit'] }) as AsyncIterator<FromWorker[]>;
    const request: ToWorker = { type: 'open', path };
    worker.postMessage(request);
    try {
      const opened = await receive(messages);
      if (opened.type !== 'opened') throw unexpected(opened);
      return new SheetWorker(worker, messages, opened.format, opened.headers);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  /**
   * The data rows as COPY records, in batches. Each batch is acknowledged when
   * the next one is asked for, which lets the worker send one more. Call once.
   */
  async *stagingRecords(
    layout: ColumnLayout,
    defaultOwnerId: string | null,
  ): AsyncGenerator<StagingRecords> {
    this.send({ type: 'stage', layout, defaultOwnerId });
    for (;;) {
      const message = await receive(this.messages);
      if (message.type === 'end') return;
      if (message.type !== 'records') throw unexpected(message);
      const { text, rows } = message;
      yield { text: Buffer.from(text.buffer, text.byteOffset, text.byteLength), rows };
      this.send({ type: 'taken' });
    }
  }

  /** Stops the worker wherever it is; its file handles close with it. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}

/** The worker's next message; a failure it reports is thrown here, rebuilt. */
async function receive(messages: AsyncIterator<FromWorker[]>): Promise<FromWorker> {
  const next = await messages.next();
  if (next.done) throw new Error('The sheet worker stopped before it finished');
  const [message] = next.value;
  if (message.type === 'failed') throw deserializeError(message.error);
  return message;
}

function unexpected(message: FromWorker): Error {
  return new Error(`The sheet worker sent an unexpected '${message.type}' message`);
}
