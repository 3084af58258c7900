import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-errors';
import { Language, languageOf, Text } from '../i18n/text';
import {
  CommonErrorCode,
  commonMessages,
  DatabaseUnavailableException,
  DomainException,
} from './domain.exception';
import {
  buildProblem,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  renderFieldErrors,
  STATUS_BY_KIND,
  titleFor,
} from './problem-details';

/** Codes for errors raised by the framework rather than by our services. */
const CODE_BY_STATUS: Record<number, string> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  414: CommonErrorCode.URI_TOO_LONG,
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: CommonErrorCode.RATE_LIMITED,
};

/**
 * What Fastify's own errors mean, in our words: the router's messages quote
 * the whole URL, and none of them is in Chinese.
 */
const FRAMEWORK_DETAILS: Record<string, Text> = {
  FST_ERR_BAD_URL: {
    en: 'The URL is not valid: check its percent-encoding',
    zh: '地址无效：请检查其中的百分号编码',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    en: 'A path parameter is longer than any id of this API (100 characters)',
    zh: '路径参数超过了本接口任何 id 的长度（100 个字符）',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    en: 'The request body is larger than this API accepts',
    zh: '请求内容超过了本接口允许的大小',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    en: 'This content type is not accepted: send JSON (application/json)',
    zh: '不接受该内容类型：请发送 JSON（application/json）',
  },
};

/** A Chinese detail for errors we have no words of our own for: the status says what it can. */
const GENERIC_ZH_DETAILS: Record<number, string> = {
  404: '请求的地址不存在',
  405: '该地址不支持此请求方法',
};

/** An English message from the framework, with a Chinese detail by its status. */
function frameworkText(message: string, status: number, language: Language): Text {
  return { en: message, zh: GENERIC_ZH_DETAILS[status] ?? titleFor(status, language) };
}

/** Fastify's own errors (body parsing, size limits) carry a statusCode and an FST_ code. */
interface FrameworkError {
  statusCode: number;
  code?: string;
  message: string;
}

function isFrameworkError(error: unknown): error is FrameworkError {
  const candidate = error as Partial<FrameworkError> | null;
  return (
    typeof candidate?.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.message === 'string'
  );
}

/**
 * The one place where errors become HTTP: RFC 9457 problem+json with a stable
 * `code`. Unknown errors are logged with their stack and answered with a bare
 * 500; no stack trace or internal message ever reaches a client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    this.send(error, request, reply);
  }

  /**
   * Answers `error` as problem+json. Also Fastify's frameworkErrors handler
   * (bad URLs, overlong path parameters), which runs before any hook, so the
   * request id is echoed here too.
   */
  send(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const known = this.asDomainException(error, request);
    const headers = known instanceof DomainException ? known.options.headers : {};
    sendProblem(reply, this.toProblem(known, request), {
      ...headers,
      'x-request-id': request.id,
    });
  }

  /** The problem document for `error`, in the language the request asks for. */
  toProblem(error: unknown, request?: FastifyRequest): ProblemDetails {
    const language = languageOf(request?.headers['accept-language']);
    if (error instanceof DomainException) {
      const { errors, extensions } = error.options;
      return buildProblem(STATUS_BY_KIND[error.kind], error.code, error.detail, language, {
        ...extensions,
        ...(errors?.length ? { errors: renderFieldErrors(errors, language) } : {}),
      });
    }
    if (error instanceof HttpException) {
      return this.fromHttpException(error, language);
    }
    if (isFrameworkError(error)) {
      const status = error.statusCode;
      const detail =
        FRAMEWORK_DETAILS[error.code ?? ''] ?? frameworkText(error.message, status, language);
      return buildProblem(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', detail, language);
    }
    this.logger.error(
      { err: error, method: request?.method, url: request?.url },
      'Unhandled error while serving a request',
    );
    return buildProblem(
      500,
      CommonErrorCode.INTERNAL_ERROR,
      commonMessages.internalError,
      language,
    );
  }

  /** A lost database is an outage, not a bug: logged once as a warning and answered 503. */
  private asDomainException(error: unknown, request: FastifyRequest): unknown {
    if (error instanceof DomainException || !isDatabaseUnavailable(error)) return error;
    this.logger.warn(
      { err: error, method: request.method, url: request.url },
      'The database is unavailable; answering 503',
    );
    return new DatabaseUnavailableException();
  }

  private fromHttpException(error: HttpException, language: Language): ProblemDetails {
    const status = error.getStatus();
    if (status >= 500) {
      this.logger.error({ err: error }, 'HTTP exception with a server status');
      const title = { en: titleFor(status), zh: titleFor(status, 'zh') };
      return buildProblem(status, CommonErrorCode.INTERNAL_ERROR, title, language);
    }
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : error.message;
    const detail = frameworkText(message, status, language);
    return buildProblem(status, CODE_BY_STATUS[status] ?? 'CLIENT_ERROR', detail, language);
  }
}

export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): void {
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
