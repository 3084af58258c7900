import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { CommonErrorCode } from '../errors/domain.exception';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { Text } from '../i18n/text';
import { httpMessages } from './http.messages';

const CLIENT_ERRORS: Record<string, { status: number; code: string; detail: Text }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: httpMessages.headersTooLarge,
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    detail: httpMessages.requestTimeout,
  },
  // Node's parser refuses raw non-ASCII bytes in a query (curl sends `?q=张三` as it is typed).
  HPE_INVALID_URL: {
    status: 400,
    code: CommonErrorCode.VALIDATION_FAILED,
    detail: httpMessages.unencodedUrl,
  },
};

const MALFORMED = { status: 400, code: 'BAD_REQUEST', detail: httpMessages.notHttp };

const logger = new Logger('HttpParser');

/**
 * Fastify's clientErrorHandler: requests that Node's HTTP parser refuses
 * before any route sees them (headers over its size limit, a malformed
 * request line, a client too slow to send), answered as problem+json like
 * every other error, with a new request id that the log line carries too, and
 * the connection closed, as Node does. In English: the request's headers,
 * Accept-Language among them, never arrived.
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
