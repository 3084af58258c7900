import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { answerClientError } from './client-errors';

function fakeSocket(): { socket: Socket; written: string[]; destroyed: () => boolean } {
  const written: string[] = [];
  let destroyed = false;
  const socket = {
    get destroyed() {
      return destroyed;
    },
    writable: true,
    write: (text: string) => written.push(text),
    destroy: () => {
      destroyed = true;
    },
  } as unknown as Socket;
  return { socket, written, destroyed: () => destroyed };
}

const errorWith = (code: string) => Object.assign(new Error(code), { code });

describe('answerClientError', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_INVALID_METHOD', 400, 'BAD_REQUEST'],
    ['HPE_INVALID_URL', 400, 'VALIDATION_FAILED'],
  ])('answers %s with %i problem+json and closes the connection', (errorCode, status, code) => {
    const { socket, written, destroyed } = fakeSocket();
    answerClientError(errorWith(errorCode), socket);
    const [head, body] = written[0].split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ status, code });
    expect(destroyed()).toBe(true);
  });

  it('gives each answer a request id of its own', () => {
    const ids = [1, 2].map(() => {
      const { socket, written } = fakeSocket();
      answerClientError(errorWith('HPE_INVALID_URL'), socket);
      return /\r\nX-Request-Id: ([0-9a-f-]{36})\r\n/.exec(written[0])?.[1];
    });
    expect(ids[0]).toBeDefined();
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('logs the refusal with the id the client was given', () => {
    const { socket, written } = fakeSocket();
    answerClientError(errorWith('HPE_INVALID_URL'), socket);
    const id = /\r\nX-Request-Id: ([0-9a-f-]{36})\r\n/.exec(written[0])?.[1];
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ reqId: id, parserError: 'HPE_INVALID_URL', status: 400 }),
      'Refused a request before routing',
    );
  });

  it('tells a client with a raw character in the query how to encode it', () => {
    const { socket, written } = fakeSocket();
    answerClientError(errorWith('HPE_INVALID_URL'), socket);
    const body = JSON.parse(written[0].split('\r\n\r\n')[1]) as { detail: string };
    expect(body.detail).toContain('percent-encoded');
  });

  it('writes nothing to a connection the client reset', () => {
    const { socket, written } = fakeSocket();
    answerClientError(errorWith('ECONNRESET'), socket);
    expect(written).toEqual([]);
  });
});
