import * as ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { neutralizeCell } from '../spreadsheets/neutralize';
import { RejectedRow } from './import-journal';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The rejected rows as a workbook: the file's own columns, so the sheet can be
 * fixed and imported again, then the row number and the reasons (columns the
 * import ignores). Written with exceljs's streaming writer as batches arrive;
 * every text cell is neutralised against formula injection.
 */
export function writeErrorReport(
  headers: string[],
  batches: AsyncIterable<RejectedRow[]>,
): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('错误行');
  const write = (cells: unknown[]) => sheet.addRow(cells.map(neutralizeCell)).commit();
  void (async () => {
    write([...headers, '行号 Row', '错误原因 Reason']);
    for await (const rows of batches) {
      for (const row of rows) write(reportRow(row, headers.length));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}

function reportRow(row: RejectedRow, columns: number): unknown[] {
  // Cut or padded to the header, so the number and reasons stay under theirs.
  const cells = Array.from({ length: columns }, (_, i) => row.rawValues[i] ?? '');
  const reasons = row.errors.map(({ field, reason }) => `${field}: ${reason}`).join('; ');
  return [...cells, row.rowNumber, reasons];
}
