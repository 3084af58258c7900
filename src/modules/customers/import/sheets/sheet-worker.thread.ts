/**
 * The worker thread of SheetWorker: opens the uploaded sheet, then validates
 * its rows and formats them as COPY records of the staging table, a batch at a
 * time, while the main thread writes the previous batches on to PostgreSQL.
 */
import { parentPort } from 'node:worker_threads';
import { stagingRecord } from '../domain/staging-row';
import { openSheet } from './sheet-reader';
import {
  FromWorker,
  MAX_RECORDS_IN_FLIGHT,
  serializeError,
  ToWorker,
} from './sheet-worker.protocol';

/** Counts the `records` messages the main thread has not taken yet, and holds the sender at the limit. */
class RecordsInFlight {
  private untaken = 0;
  private wakeSender?: () => void;

  constructor(private readonly limit: number) {}

  async reserve(): Promise<void> {
    while (this.untaken >= this.limit) {
      await new Promise<void>((resolve) => (this.wakeSender = resolve));
    }
    this.untaken++;
  }

  taken(): void {
    this.untaken--;
    this.wakeSender?.();
    this.wakeSender = undefined;
  }
}

const port = parentPort!;
const inFlight = new RecordsInFlight(MAX_RECORDS_IN_FLIGHT);
port.on('message', (message: ToWorker) => {
  if (message.type === 'taken') inFlight.taken();
});
const openRequest = request('open');
const stageRequest = request('stage');
const utf8 = new TextEncoder();

/** The main thread's request of this type; each is sent once. */
function request<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  return new Promise((resolve) => {
    const listener = (message: ToWorker) => {
      if (message.type !== type) return;
      port.off('message', listener);
      resolve(message as Extract<ToWorker, { type: T }>);
    };
    port.on('message', listener);
  });
}

function send(message: FromWorker): void {
  // The records' bytes move to the main thread rather than being copied.
  port.postMessage(message, message.type === 'records' ? [message.text.buffer as ArrayBuffer] : []);
}

async function stageSheet(): Promise<void> {
  const sheet = await openSheet((await openRequest).path);
  send({ type: 'opened', format: sheet.format, headers: sheet.headers });
  const { layout, defaultOwnerId } = await stageRequest;
  for await (const rows of sheet.rows) {
    const records = rows.map((row) => stagingRecord(row, layout, defaultOwnerId)).join('');
    const text = utf8.encode(records);
    await inFlight.reserve();
    send({ type: 'records', text, rows: rows.length });
  }
  send({ type: 'end' });
}

// The main thread ends this thread when it is done with it, whatever happened here.
stageSheet().catch((error: unknown) => send({ type: 'failed', error: serializeError(error) }));
