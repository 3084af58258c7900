import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { CommonErrorCode } from '../errors/domain.exception';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../errors/problem-details';

const CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: 'The request line and headers are over 16 KB: send long queries as a body',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    detail: 'The request was not received in time',
  },
  // Node's parser refuses raw non-ASCII bytes in a query (curl sends `?q=张三` as it is typed).
  HPE_INVALID_URL: {
    status: 400,
    code: CommonErrorCode.VALIDATION_FAILED,
    detail:
      'The URL holds a character that must be percent-encoded: encode the query as UTF-8, ' +
      'e.g. q=%E5%BC%A0%E4%B8%89 for q=张三 (curl --get --data-urlencode q=张三)',
  },
};

const MALFORMED = { status: 400, code: 'BAD_REQUEST', detail: 'The request is not valid HTTP' };

const logger = new Logger('HttpParser');

/**
 * Fastify's clientErrorHandler: requests that Node's HTTP parser refuses
 * before any route sees them (headers over its size limit, a malformed
 * request line, a client too slow to send), answered as problem+json like
 * every other error, with a new request id that the log line carries too, and
 * the connection closed, as Node does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const id = randomUUID();
  logger.warn(
    { reqId: id, parserError: error.code, remoteAddress: socket.remoteAddress, status },
    'Refused a request before routing',
  );
  const body = JSON.stringify(buildProblem(status, code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `X-Request-Id: ${id}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
