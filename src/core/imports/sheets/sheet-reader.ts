import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { pipeline, Transform } from 'node:stream';
import { DomainException } from '../../errors/domain.exception';
import { Text } from '../../i18n/text';
import {
  sharedImportMessages as importMessages,
  UnsupportedFileException,
} from '../imports.exception';
import { cellText, cleanCellText } from './cell-text';
import { detectFileFormat, SheetFormat } from './file-format';
import { SheetRow } from './sheet-row';
import { completeUtf8Length, TextEncoding } from './text-encoding';

/** The encoding is decided on the first MiB: enough to hold the header and many rows of names. */
const SAMPLE_BYTES = 1024 * 1024;
/** An unterminated quote would otherwise swallow the rest of the file into one cell. */
const MAX_CSV_RECORD_CHARS = 1024 * 1024;
/**
 * Rows travel in batches: one promise per batch rather than per row keeps the
 * async plumbing (and AsyncLocalStorage's hooks) out of the per-row cost.
 */
export const CSV_BATCH_ROWS = 1000;

const XLSX_READER_OPTIONS: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  // Styles tell date cells from numbers.
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
};

type RowBatches = AsyncGenerator<SheetRow[], void, undefined>;

/** A spreadsheet opened for streaming: its header, then its non-blank data rows, in batches. */
export interface OpenSheet {
  format: SheetFormat;
  headers: string[];
  rows: RowBatches;
  /** Stops reading and releases the file; safe to call at any point. */
  close(): Promise<void>;
}

/**
 * Opens an uploaded file: decides its format from its content, starts the
 * streaming reader and reads up to the header row. Never loads the file
 * whole. A file that is not a readable spreadsheet is an UnsupportedFileException.
 */
export async function openSheet(path: string): Promise<OpenSheet> {
  const { sample, complete } = await readSample(path);
  const detected = detectFileFormat(sample, complete);
  if (detected.format === null) throw new UnsupportedFileException(detected.reason);
  const batches = withoutBlankRows(
    detected.format === 'xlsx' ? xlsxRows(path) : csvRows(path, detected.encoding),
  );
  const first = await batches.next();
  if (first.done) throw new UnsupportedFileException(importMessages.noHeaderRow);
  const [header, ...firstRows] = first.value;
  const rows = startingWith(firstRows, batches);
  return {
    format: detected.format,
    headers: header.cells,
    rows,
    close: async () => {
      await rows.return();
      await batches.return();
    },
  };
}

async function readSample(path: string): Promise<{ sample: Buffer; complete: boolean }> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    return { sample: buffer.subarray(0, bytesRead), complete: bytesRead < SAMPLE_BYTES };
  } finally {
    await file.close();
  }
}

async function* withoutBlankRows(batches: RowBatches): RowBatches {
  for await (const batch of batches) {
    const rows = batch.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
    if (rows.length) yield rows;
  }
}

async function* startingWith(rows: SheetRow[], batches: RowBatches): RowBatches {
  if (rows.length) yield rows;
  yield* batches;
}

/** The first worksheet's rows, through exceljs's streaming reader, in the batches it parses. */
async function* xlsxRows(path: string): RowBatches {
  const input = createReadStream(path);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, XLSX_READER_OPTIONS);
    for await (const worksheet of workbook) {
      // parse() yields the rows of each parsed chunk together (typed loosely by exceljs).
      for await (const events of worksheet.parse() as unknown as AsyncIterable<WorksheetEvent[]>) {
        const rows = events.filter((event) => event.eventType === 'row');
        if (rows.length)
          yield rows.map(({ value }) => ({ number: value.number, cells: rowCells(value) }));
      }
      return;
    }
  } catch (error) {
    throw unreadable(error, importMessages.damagedXlsx);
  } finally {
    input.destroy();
  }
}

interface WorksheetEvent {
  eventType: string;
  value: ExcelJS.Row;
}

/** exceljs rows are 1-based and sparse. */
function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  return Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
}

/**
 * CSV records through csv-parse. Blank lines are parsed as (empty) records
 * too, so counting records gives the row number Excel shows for the same file.
 */
async function* csvRows(path: string, encoding: TextEncoding): RowBatches {
  const batches = inBatches(CSV_BATCH_ROWS);
  // Errors of any stage surface in the batches' iterator below.
  pipeline(
    createReadStream(path),
    decoder(encoding),
    parse({
      // A UTF-8 BOM (Excel's "CSV UTF-8") is not part of the first header.
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CSV_RECORD_CHARS,
    }),
    batches,
    () => undefined,
  );
  let number = 0;
  try {
    for await (const records of batches as AsyncIterable<string[][]>) {
      yield records.map((record) => ({ number: ++number, cells: record.map(cleanCellText) }));
    }
  } catch (error) {
    throw unreadable(error, importMessages.unparsableCsv);
  } finally {
    batches.destroy();
  }
}

/** Groups an object stream into arrays of up to `size` objects. */
function inBatches(size: number): Transform {
  let batch: unknown[] = [];
  return new Transform({
    objectMode: true,
    transform(item, _encoding, done) {
      batch.push(item);
      if (batch.length >= size) {
        this.push(batch);
        batch = [];
      }
      done();
    },
    flush(done) {
      if (batch.length) this.push(batch);
      done();
    },
  });
}

/**
 * UTF-8 goes to the parser as it is, but checked chunk by chunk: a file that
 * turns out to mix in GBK after the sample is refused instead of imported as
 * mojibake. GB18030 is decoded by iconv-lite.
 */
function decoder(encoding: TextEncoding): NodeJS.ReadWriteStream {
  return encoding === 'gb18030' ? iconv.decodeStream('gb18030') : strictUtf8();
}

function strictUtf8(): Transform {
  let pending = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const whole = bytes.subarray(0, completeUtf8Length(bytes));
      // A character cut by the chunk boundary waits for the rest of its bytes.
      pending = Buffer.from(bytes.subarray(whole.length));
      if (!isUtf8(whole)) return done(new InvalidUtf8Error());
      done(null, whole);
    },
    flush(done) {
      done(pending.length ? new InvalidUtf8Error() : null);
    },
  });
}

class InvalidUtf8Error extends Error {
  constructor() {
    super(importMessages.notUtf8Throughout.en);
  }
}

/** Parser errors become a 400 with their message; our own and the system's pass through. */
function unreadable(error: unknown, what: (detail: string) => Text): unknown {
  if (error instanceof DomainException || !(error instanceof Error) || 'syscall' in error) {
    return error;
  }
  if (error instanceof InvalidUtf8Error) {
    return new UnsupportedFileException(importMessages.notUtf8Throughout);
  }
  return new UnsupportedFileException(what(error.message));
}
