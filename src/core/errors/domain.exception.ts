import { catalogue, Text } from '../i18n/text';

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
  | 'bad_gateway' // 502: an upstream system (the ERP) failed or refused
  | 'unavailable'; // 503

/** A problem with one field of a request; `field` is a path such as `lines[2].qty`. */
export interface FieldError {
  field: string;
  message: Text;
}

export interface DomainExceptionOptions {
  /** Field-level details, rendered as the problem's `errors` array. */
  errors?: FieldError[];
  /** Extra members of the problem document, e.g. `existingCustomerId`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After` for rate limits. */
  headers?: Record<string, string>;
}

/**
 * `detail` is what the client reads, in its language; the Error's own message
 * is the English detail, for logs.
 */
export class DomainException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly detail: Text,
    readonly options: DomainExceptionOptions = {},
  ) {
    super(detail.en);
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

/** The platform's own messages; each module keeps its catalogue beside its codes. */
export const commonMessages = catalogue({
  notFound: (entity: Text, id?: string) => ({
    en: id ? `${entity.en} ${id} not found` : `${entity.en} not found`,
    zh: id ? `找不到${entity.zh} ${id}` : `找不到${entity.zh}`,
  }),
  staleVersion: (entity: Text, expected: number, actual: number) => ({
    en: `${entity.en} is at version ${actual}, but If-Match named version ${expected}`,
    zh: `${entity.zh}已是第 ${actual} 版，而 If-Match 指定的是第 ${expected} 版`,
  }),
  invalidRequest: { en: 'The request is invalid', zh: '请求无效' },
  invalidFields: {
    en: 'The request has invalid or unknown fields',
    zh: '请求中有无效或未知的字段',
  },
  databaseUnavailable: {
    en: 'The database is unavailable for the moment; retry shortly',
    zh: '数据库暂时不可用，请稍后重试',
  },
  internalError: { en: 'An unexpected error occurred', zh: '发生了意外错误' },
});

export class NotFoundException extends DomainException {
  /** `entity` names what was looked for, e.g. { en: 'Customer', zh: '客户' }. */
  constructor(entity: Text, id?: string) {
    super('not_found', CommonErrorCode.NOT_FOUND, commonMessages.notFound(entity, id));
  }
}

export class StaleVersionException extends DomainException {
  constructor(entity: Text, expected: number, actual: number) {
    super(
      'conflict',
      CommonErrorCode.STALE_VERSION,
      commonMessages.staleVersion(entity, expected, actual),
      { extensions: { currentVersion: actual } },
    );
  }
}

export class InvalidInputException extends DomainException {
  constructor(errors: FieldError[], detail: Text = commonMessages.invalidRequest) {
    super('invalid', CommonErrorCode.VALIDATION_FAILED, detail, { errors });
  }
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL is down, restarting or unreachable: transient, so 503 with Retry-After, not 500. */
export class DatabaseUnavailableException extends DomainException {
  constructor() {
    super('unavailable', CommonErrorCode.DATABASE_UNAVAILABLE, commonMessages.databaseUnavailable, {
      extensions: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
}
