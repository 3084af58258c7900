/**
 * Services throw domain exceptions, never HTTP ones. Each carries a stable
 * UPPER_SNAKE code and a kind; the problem-details filter maps the kind to a
 * status, so no service knows about HTTP.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'unprocessable' // 422
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export interface FieldError {
  field: string;
  message: string;
}

export interface DomainExceptionOptions {
  /** Field-level details, rendered as the problem's `errors` array. */
  errors?: FieldError[];
  /** Extra members of the problem document, e.g. `existingCustomerId`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After` for rate limits. */
  headers?: Record<string, string>;
}

export class DomainException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly options: DomainExceptionOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Generic codes used across modules; each module adds its own beside it. */
export const CommonErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  STALE_VERSION: 'STALE_VERSION',
  INVALID_CURSOR: 'INVALID_CURSOR',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG: 'URI_TOO_LONG',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export class NotFoundException extends DomainException {
  constructor(entity: string, id?: string) {
    super(
      'not_found',
      CommonErrorCode.NOT_FOUND,
      id ? `${entity} ${id} not found` : `${entity} not found`,
    );
  }
}

export class StaleVersionException extends DomainException {
  constructor(entity: string, expected: number, actual: number) {
    super(
      'conflict',
      CommonErrorCode.STALE_VERSION,
      `${entity} is at version ${actual}, but If-Match named version ${expected}`,
      { extensions: { currentVersion: actual } },
    );
  }
}

export class InvalidInputException extends DomainException {
  constructor(errors: FieldError[], message = 'The request is invalid') {
    super('invalid', CommonErrorCode.VALIDATION_FAILED, message, { errors });
  }
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL is down, restarting or unreachable: transient, so 503 with Retry-After, not 500. */
export class DatabaseUnavailableException extends DomainException {
  constructor() {
    super(
      'unavailable',
      CommonErrorCode.DATABASE_UNAVAILABLE,
      'The database is unavailable for the moment; retry shortly',
      {
        extensions: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      },
    );
  }
}
