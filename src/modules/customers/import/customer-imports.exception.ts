import { DomainException, FieldError } from '../../../core/errors/domain.exception';

export const CustomerImportErrorCode = {
  UNSUPPORTED_FILE: 'UNSUPPORTED_FILE',
  MISSING_COLUMN: 'MISSING_COLUMN',
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  IMPORT_NOT_COMPLETED: 'IMPORT_NOT_COMPLETED',
  IMPORT_INTERRUPTED: 'IMPORT_INTERRUPTED',
  IMPORTS_BUSY: 'IMPORTS_BUSY',
} as const;

/** Not a spreadsheet, a damaged one, or one without a header row: 400 with the reason. */
export class UnsupportedFileException extends DomainException {
  constructor(reason: string) {
    super(
      'invalid',
      CustomerImportErrorCode.UNSUPPORTED_FILE,
      `The file cannot be imported: ${reason}`,
      {
        errors: [{ field: 'file', message: reason }],
      },
    );
  }
}

/** No name or phone column, or a `mapping` naming a column that is not there. */
export class MissingColumnException extends DomainException {
  constructor(errors: FieldError[]) {
    super(
      'invalid',
      CustomerImportErrorCode.MISSING_COLUMN,
      'The file lacks a column the import needs',
      { errors },
    );
  }
}

export class TooManyRowsException extends DomainException {
  constructor(maxRows: number) {
    super(
      'unprocessable',
      CustomerImportErrorCode.TOO_MANY_ROWS,
      `The file has more than ${maxRows} data rows; nothing was imported. Split it into smaller files`,
      { extensions: { maxRows } },
    );
  }
}

/** Rejected rows are kept only when an import completes; a running or failed one has no report. */
export class ImportNotCompletedException extends DomainException {
  constructor(status: string) {
    super(
      'conflict',
      CustomerImportErrorCode.IMPORT_NOT_COMPLETED,
      `The import is ${status}; its error report exists once it has completed`,
      { extensions: { status } },
    );
  }
}

/** The import stopped before it committed (shutdown, lost heartbeat); nothing of it is visible. */
export class ImportInterruptedException extends DomainException {
  constructor(reason: string) {
    super('conflict', CustomerImportErrorCode.IMPORT_INTERRUPTED, reason);
  }
}

/** Each running import holds a database connection for its transaction; a few at a time leave the pool to everyone else. */
export class ImportsBusyException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super(
      'rate_limited',
      CustomerImportErrorCode.IMPORTS_BUSY,
      'Too many imports are running on this server; retry shortly',
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
}
