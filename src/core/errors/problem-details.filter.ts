import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-errors';
import { CommonErrorCode, DatabaseUnavailableException, DomainException } from './domain.exception';
import {
  buildProblem,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
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

/** The router's own messages quote the whole URL; these say what is wrong instead. */
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: check its percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is longer than any id of this API (100 characters)',
};

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

  toProblem(error: unknown, request?: FastifyRequest): ProblemDetails {
    if (error instanceof DomainException) {
      const { errors, extensions } = error.options;
      return buildProblem(STATUS_BY_KIND[error.kind], error.code, error.message, {
        ...extensions,
        ...(errors?.length ? { errors } : {}),
      });
    }
    if (error instanceof HttpException) {
      return this.fromHttpException(error);
    }
    if (isFrameworkError(error)) {
      const status = error.statusCode;
      const detail = FRAMEWORK_DETAILS[error.code ?? ''] ?? error.message;
      return buildProblem(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', detail);
    }
    this.logger.error(
      { err: error, method: request?.method, url: request?.url },
      'Unhandled error while serving a request',
    );
    return buildProblem(500, CommonErrorCode.INTERNAL_ERROR, 'An unexpected error occurred');
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

  private fromHttpException(error: HttpException): ProblemDetails {
    const status = error.getStatus();
    if (status >= 500) {
      this.logger.error({ err: error }, 'HTTP exception with a server status');
      return buildProblem(status, CommonErrorCode.INTERNAL_ERROR, titleFor(status));
    }
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : error.message;
    return buildProblem(status, CODE_BY_STATUS[status] ?? 'CLIENT_ERROR', message);
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
