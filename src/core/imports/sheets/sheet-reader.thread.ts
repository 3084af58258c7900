/**
 * The reader of an import's two sheet threads (see sheet-thread.protocol):
 * parses the uploaded sheet with openSheet and sends its non-blank rows, in
 * the batches the parser gives, to the formatter that started it.
 */
import { parentPort } from 'node:worker_threads';
import { SheetRow } from './sheet-row';
import { openSheet } from './sheet-reader';
import { SheetThreadPort } from './sheet-thread.port';

const formatter = new SheetThreadPort<SheetRow[]>(parentPort!);

async function readSheet(): Promise<void> {
  const sheet = await openSheet((await formatter.openRequest).path);
  formatter.opened(sheet.format, sheet.headers);
  await formatter.stageRequest;
  for await (const rows of sheet.rows) await formatter.sendBatch(rows);
  formatter.end();
}

// The formatter ends this thread when it is done with it, whatever happened here.
readSheet().catch((error: unknown) => formatter.fail(error));
