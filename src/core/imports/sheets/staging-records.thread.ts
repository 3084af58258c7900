/**
 * The formatter of an import's two sheet threads (see sheet-thread.protocol):
 * starts the reader, passes the sheet's header on to the main thread, then
 * validates each row the reader sends and formats it, with the importer's
 * row formatter, as a COPY record of its staging table, while the reader parses the next rows and the main thread
 * writes the previous records on to PostgreSQL.
 */
import { parentPort } from 'node:worker_threads';
import { SheetRow } from './sheet-row';
import { SheetThread, startSheetThread } from './sheet-thread';
import { StagingPlan, StagingRecords } from './sheet-thread.protocol';
import { SheetThreadPort } from './sheet-thread.port';

const main = new SheetThreadPort<StagingRecords>(parentPort!);
// Started with this thread, so that a spare formatter has a ready reader too.
const reader = startSheetThread('sheet-reader');
const utf8 = new TextEncoder();

/** An importer's row formatter (see StagingPlan). */
interface RowFormatter {
  stagingRecord: (row: SheetRow, layout: StagingPlan['layout'], options: unknown) => string;
}

function loadFormatter(path: string): RowFormatter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const formatter = require(path) as Partial<RowFormatter>;
  if (typeof formatter.stagingRecord !== 'function') {
    throw new Error(`${path} does not export stagingRecord`);
  }
  return formatter as RowFormatter;
}

async function formatSheet(): Promise<void> {
  const sheet = await SheetThread.open<SheetRow[]>(reader, (await main.openRequest).path);
  main.opened(sheet.format, sheet.headers);
  const plan = await main.stageRequest;
  const { layout, options } = plan;
  const { stagingRecord } = loadFormatter(plan.formatter);
  for await (const rows of sheet.batches(plan)) {
    const text = utf8.encode(rows.map((row) => stagingRecord(row, layout, options)).join(''));
    // The bytes move to the main thread rather than being copied.
    await main.sendBatch({ text, rows: rows.length }, [text.buffer]);
  }
  main.end();
}

// The main thread ends this thread, and with it the reader, when it is done with it.
formatSheet().catch((error: unknown) => main.fail(error));
