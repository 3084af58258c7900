import { HttpStatus } from '@nestjs/common';
import { Language, Text } from '../i18n/text';
import { ErrorKind, FieldError } from './domain.exception';

/** A field error as the client reads it, in its language. */
export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem document, as every error response carries it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  bad_gateway: HttpStatus.BAD_GATEWAY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, Text> = {
  400: { en: 'Bad Request', zh: '请求无效' },
  401: { en: 'Unauthorized', zh: '未认证' },
  403: { en: 'Forbidden', zh: '无权操作' },
  404: { en: 'Not Found', zh: '未找到' },
  405: { en: 'Method Not Allowed', zh: '不支持的请求方法' },
  406: { en: 'Not Acceptable', zh: '无法提供所需格式' },
  408: { en: 'Request Timeout', zh: '请求超时' },
  409: { en: 'Conflict', zh: '冲突' },
  410: { en: 'Gone', zh: '已失效' },
  413: { en: 'Payload Too Large', zh: '请求内容过大' },
  414: { en: 'URI Too Long', zh: '地址过长' },
  415: { en: 'Unsupported Media Type', zh: '不支持的内容类型' },
  422: { en: 'Unprocessable Content', zh: '业务规则不允许' },
  429: { en: 'Too Many Requests', zh: '请求过于频繁' },
  431: { en: 'Request Header Fields Too Large', zh: '请求头过大' },
  500: { en: 'Internal Server Error', zh: '服务器内部错误' },
  502: { en: 'Bad Gateway', zh: '上游系统出错' },
  503: { en: 'Service Unavailable', zh: '服务暂时不可用' },
};

const GENERIC_TITLES = {
  client: { en: 'Client Error', zh: '请求错误' },
  server: { en: 'Server Error', zh: '服务器错误' },
} satisfies Record<string, Text>;

export function titleFor(status: number, language: Language = 'en'): string {
  const title = TITLES[status] ?? (status >= 500 ? GENERIC_TITLES.server : GENERIC_TITLES.client);
  return title[language];
}

/** A stable, dereferenceable-looking type URI per machine code. */
export function problemType(code: string): string {
  return `https://sales-api.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function renderFieldErrors(errors: FieldError[], language: Language): ProblemFieldError[] {
  return errors.map(({ field, message }) => ({ field, message: message[language] }));
}

export function buildProblem(
  status: number,
  code: string,
  detail: Text,
  language: Language = 'en',
  extras: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    ...extras,
    type: problemType(code),
    title: titleFor(status, language),
    status,
    detail: detail[language],
    code,
  };
}
