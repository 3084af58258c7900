import { DomainException, FieldError } from '../errors/domain.exception';
import { catalogue, Text } from '../i18n/text';

/** The codes every spreadsheet import answers with, whatever it imports. */
export const ImportErrorCode = {
  UNSUPPORTED_FILE: 'UNSUPPORTED_FILE',
  MISSING_COLUMN: 'MISSING_COLUMN',
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  IMPORT_NOT_COMPLETED: 'IMPORT_NOT_COMPLETED',
  IMPORT_INTERRUPTED: 'IMPORT_INTERRUPTED',
  IMPORTS_BUSY: 'IMPORTS_BUSY',
} as const;

/**
 * The messages of the import machinery: a file's problems, the column mapping,
 * the common row checks, and why an import failed. Reasons of rejected rows
 * and failed imports are written in the language of the request that started
 * the import. Each importer's catalogue extends this one.
 */
export const sharedImportMessages = catalogue({
  cannotImport: (reason: Text) => ({
    en: `The file cannot be imported: ${reason.en}`,
    zh: `无法导入该文件：${reason.zh}`,
  }),
  emptyFile: { en: 'the file is empty', zh: '文件是空的' },
  oldExcel: {
    en: 'Excel 97-2003 (.xls) and password-protected workbooks are not supported; save the file as .xlsx without a password, or as CSV',
    zh: '不支持 Excel 97-2003（.xls）和带密码的工作簿；请另存为无密码的 .xlsx 或 CSV',
  },
  utf16: {
    en: 'UTF-16 text ("Unicode text") is not supported; save the file as CSV (UTF-8) or .xlsx',
    zh: '不支持 UTF-16 文本（"Unicode 文本"）；请另存为 CSV（UTF-8）或 .xlsx',
  },
  notSpreadsheet: (reason: Text) => ({
    en: `${reason.en}; upload an .xlsx workbook or a CSV file`,
    zh: `${reason.zh}；请上传 .xlsx 工作簿或 CSV 文件`,
  }),
  binary: { en: 'the file is binary, not text', zh: '文件是二进制内容，不是文本' },
  badBom: {
    en: 'the file starts with a UTF-8 BOM but is not valid UTF-8',
    zh: '文件以 UTF-8 BOM 开头，但内容不是合法的 UTF-8',
  },
  unknownEncoding: {
    en: 'the text is neither UTF-8 nor GB18030/GBK',
    zh: '文本既不是 UTF-8 也不是 GB18030/GBK',
  },
  notUtf8Throughout: {
    en: 'the text is not valid UTF-8 throughout; is part of it in another encoding?',
    zh: '文本并非全部是合法的 UTF-8；是否有一部分用了别的编码？',
  },
  noHeaderRow: { en: 'the file has no header row', zh: '文件没有表头行' },
  damagedXlsx: (detail: string) => ({
    en: `the workbook is damaged or not an .xlsx file (${detail})`,
    zh: `工作簿已损坏或不是 .xlsx 文件（${detail}）`,
  }),
  unparsableCsv: (detail: string) => ({
    en: `the CSV cannot be parsed (${detail})`,
    zh: `无法解析该 CSV（${detail}）`,
  }),
  missingColumn: {
    en: 'The file lacks a column the import needs',
    zh: '文件缺少导入所需的列',
  },
  mappingFormat: {
    en: 'must be a JSON object of column header → field name (or null to ignore the column)',
    zh: '必须是"列标题 → 字段名"的 JSON 对象（值为 null 表示忽略该列）',
  },
  mappingTarget: (fields: string) => ({
    en: `must be one of ${fields}, or null`,
    zh: `必须是 ${fields} 之一，或 null`,
  }),
  mappingSameColumn: {
    en: 'names the same column as another key',
    zh: '与另一个键指向同一列',
  },
  mappingTwice: (field: string, header: string) => ({
    en: `${field} is already mapped from ${header}`,
    zh: `${field} 已由 ${header} 映射`,
  }),
  mappingNoColumn: {
    en: 'no column of the file has this header',
    zh: '文件中没有这个标题的列',
  },
  noColumn: (field: string, synonyms: string) => ({
    en: `has no ${field} column (${synonyms} or ${field}); rename the column or map it with mapping`,
    zh: `没有 ${field} 列（${synonyms} 或 ${field}）；请重命名该列，或用 mapping 指定`,
  }),
  tooManyRows: (maxRows: number) => ({
    en: `The file has more than ${maxRows} data rows; nothing was imported. Split it into smaller files`,
    zh: `文件的数据行超过 ${maxRows} 行，未导入任何内容。请拆分成更小的文件`,
  }),
  notCompleted: (status: string) => ({
    en: `The import is ${status}; its error report exists once it has completed`,
    zh: `导入状态为 ${status}；导入完成后才有错误报告`,
  }),
  interruptedByShutdown: {
    en: 'The server shut down during the import; nothing was imported',
    zh: '导入过程中服务器关闭，未导入任何内容',
  },
  failedAsStale: {
    en: 'The import was failed as stale while it ran; nothing was imported',
    zh: '导入运行中被判定为已中断，未导入任何内容',
  },
  staleImport: {
    en: 'The import stopped without finishing (its server went away); nothing was imported',
    zh: '导入未完成就停止了（所在服务器已离开），未导入任何内容',
  },
  databaseLost: {
    en: 'The database became unavailable during the import; nothing was imported. Send the file again.',
    zh: '导入过程中数据库不可用，未导入任何内容。请重新上传文件。',
  },
  unexpectedFailure: {
    en: 'An unexpected error stopped the import; nothing was imported',
    zh: '意外错误中止了导入，未导入任何内容',
  },
  busy: {
    en: 'Too many imports are running on this server; retry shortly',
    zh: '此服务器上正在运行的导入过多，请稍后重试',
  },
  required: { en: 'is required', zh: '为必填项' },
  tooLong: (max: number) => ({
    en: `is longer than ${max} characters`,
    zh: `超过 ${max} 个字符`,
  }),
});

/** Not a spreadsheet, a damaged one, or one without a header row: 400 with the reason. */
export class UnsupportedFileException extends DomainException {
  constructor(reason: Text) {
    super('invalid', ImportErrorCode.UNSUPPORTED_FILE, sharedImportMessages.cannotImport(reason), {
      errors: [{ field: 'file', message: reason }],
    });
  }
}

/** No name or phone column, or a `mapping` naming a column that is not there. */
export class MissingColumnException extends DomainException {
  constructor(errors: FieldError[]) {
    super('invalid', ImportErrorCode.MISSING_COLUMN, sharedImportMessages.missingColumn, {
      errors,
    });
  }
}

export class TooManyRowsException extends DomainException {
  constructor(maxRows: number) {
    super(
      'unprocessable',
      ImportErrorCode.TOO_MANY_ROWS,
      sharedImportMessages.tooManyRows(maxRows),
      { extensions: { maxRows } },
    );
  }
}

/**
 * Rejected rows are kept only when an import completes; a running or failed one
 * has no report. `importStatus`, since the problem's own `status` is the HTTP one.
 */
export class ImportNotCompletedException extends DomainException {
  constructor(importStatus: string) {
    super(
      'conflict',
      ImportErrorCode.IMPORT_NOT_COMPLETED,
      sharedImportMessages.notCompleted(importStatus),
      { extensions: { importStatus } },
    );
  }
}

/** The import stopped before it committed (shutdown, lost heartbeat); nothing of it is visible. */
export class ImportInterruptedException extends DomainException {
  constructor(reason: Text) {
    super('conflict', ImportErrorCode.IMPORT_INTERRUPTED, reason);
  }
}

/** Each running import holds a database connection for its transaction; a few at a time leave the pool to everyone else. */
export class ImportsBusyException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', ImportErrorCode.IMPORTS_BUSY, sharedImportMessages.busy, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
