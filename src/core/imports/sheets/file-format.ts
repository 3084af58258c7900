import { Text } from '../../i18n/text';
import { sharedImportMessages as importMessages } from '../imports.exception';
import { detectTextEncoding, TextEncoding } from './text-encoding';

export type SheetFormat = 'xlsx' | 'csv';

export type FormatDetection =
  { format: 'xlsx' } | { format: 'csv'; encoding: TextEncoding } | { format: null; reason: Text };

/** An xlsx is a zip archive, whose first local file header starts with PK\x03\x04. */
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
/** Excel 97–2003 (.xls) files, and password-protected xlsx files, are OLE compound documents. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/**
 * Decides what a file is from its content, never from its name or the client's
 * content type: an xlsx workbook, a CSV in a known encoding, or something
 * refused with a reason a person can act on.
 */
export function detectFileFormat(sample: Buffer, complete: boolean): FormatDetection {
  const startsWith = (magic: Buffer) => sample.subarray(0, magic.length).equals(magic);
  if (sample.length === 0) return { format: null, reason: importMessages.emptyFile };
  if (startsWith(ZIP_MAGIC)) return { format: 'xlsx' };
  if (startsWith(OLE_MAGIC)) {
    return { format: null, reason: importMessages.oldExcel };
  }
  if (UTF16_BOMS.some(startsWith)) {
    return { format: null, reason: importMessages.utf16 };
  }
  const text = detectTextEncoding(sample, complete);
  if (text.encoding === null) {
    return { format: null, reason: importMessages.notSpreadsheet(text.reason) };
  }
  return { format: 'csv', encoding: text.encoding };
}
