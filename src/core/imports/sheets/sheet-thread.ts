import { on } from 'node:events';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SheetFormat } from './file-format';
import {
  deserializeError,
  FromSheetThread,
  StagingPlan,
  ToSheetThread,
} from './sheet-thread.protocol';

/** The scripts beside this file that run as sheet threads. */
export type SheetThreadScript = 'sheet-reader' | 'staging-records';

/**
 * The build runs the compiled .js beside this file. Under ts-jest or ts-node
 * this file is the .ts source, and the thread compiles its own source the same
 * way (transpile only: type checking is tsc's job).
 */
const SOURCE_EXTENSION = extname(__filename);
const EXEC_ARGV =
  SOURCE_EXTENSION === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined;

/** Starts a sheet thread, which loads its modules and waits for a file (see SheetThread.open). */
export function startSheetThread(script: SheetThreadScript): Worker {
  return new Worker(join(__dirname, `${script}.thread${SOURCE_EXTENSION}`), {
    execArgv: EXEC_ARGV,
  });
}

/**
 * The receiving end of a sheet thread (see sheet-thread.protocol): an uploaded
 * spreadsheet, read off this thread. open() waits for the header, so the
 * columns can be checked before the import is answered; batches() then
 * streams the thread's batches. close() ends the thread (and any thread it
 * started) at any point, and must be called on every path.
 */
export class SheetThread<Batch> {
  private constructor(
    private readonly worker: Worker,
    private readonly messages: AsyncIterator<FromSheetThread<Batch>[]>,
    readonly format: SheetFormat,
    readonly headers: string[],
  ) {}

  /**
   * Gives a started thread (see startSheetThread) the file and waits for its
   * header. A file that is not a readable spreadsheet is an
   * UnsupportedFileException, as from openSheet; the thread is then ended.
   */
  static async open<Batch>(worker: Worker, path: string): Promise<SheetThread<Batch>> {
    // Subscribed before the first await, so no message is missed; 'error' rejects, 'exit' ends.
    const messages = on(worker, 'message', { close: ['exit'] }) as AsyncIterator<
      FromSheetThread<Batch>[]
    >;
    send(worker, { type: 'open', path });
    try {
      const opened = await receive(messages);
      if (opened.type !== 'opened') throw unexpected(opened);
      return new SheetThread(worker, messages, opened.format, opened.headers);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  /**
   * The sheet's data rows, in batches, once the columns are known. Each batch
   * is acknowledged when the next one is asked for, which lets the thread
   * send one more. Call once.
   */
  async *batches(plan: StagingPlan): AsyncGenerator<Batch> {
    send(this.worker, { type: 'stage', ...plan });
    for (;;) {
      const message = await receive(this.messages);
      if (message.type === 'end') return;
      if (message.type !== 'batch') throw unexpected(message);
      yield message.batch;
      send(this.worker, { type: 'taken' });
    }
  }

  /** Stops the thread wherever it is; its file handles close with it. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function send(worker: Worker, message: ToSheetThread): void {
  worker.postMessage(message);
}

/** The thread's next message; a failure it reports is thrown here, rebuilt. */
async function receive<Batch>(
  messages: AsyncIterator<FromSheetThread<Batch>[]>,
): Promise<FromSheetThread<Batch>> {
  const next = await messages.next();
  if (next.done) throw new Error('The sheet thread stopped before it finished');
  const [message] = next.value;
  if (message.type === 'failed') throw deserializeError(message.error);
  return message;
}

function unexpected(message: FromSheetThread<unknown>): Error {
  return new Error(`The sheet thread sent an unexpected '${message.type}' message`);
}
