/**
 * The formatter of an import's two sheet threads (see sheet-thread.protocol):
 * starts the reader, passes the sheet's header on to the main thread, then
 * validates each row the reader sends and formats it as a COPY record of the
 * staging table, while the reader parses the next rows and the main thread
 * writes the previous records on to PostgreSQL.
 */
import { parentPort } from 'node:worker_threads';
import { SheetRow, stagingRecord } from '../domain/staging-row';
import { SheetThread, startSheetThread } from './sheet-thread';
import { StagingRecords } from './sheet-thread.protocol';
import { SheetThreadPort } from './sheet-thread.port';

const main = new SheetThreadPort<StagingRecords>(parentPort!);
// Started with this thread, so that a spare formatter has a ready reader too.
const reader = startSheetThread('sheet-reader');
const utf8 = new TextEncoder();

async function formatSheet(): Promise<void> {
  const sheet = await SheetThread.open<SheetRow[]>(reader, (await main.openRequest).path);
  main.opened(sheet.format, sheet.headers);
  const { layout, options } = await main.stageRequest;
  for await (const rows of sheet.batches(layout, options)) {
    const text = utf8.encode(rows.map((row) => stagingRecord(row, layout, options)).join(''));
    // The bytes move to the main thread rather than being copied.
    await main.sendBatch({ text, rows: rows.length }, [text.buffer]);
  }
  main.end();
}

// The main thread ends this thread, and with it the reader, when it is done with it.
formatSheet().catch((error: unknown) => main.fail(error));
