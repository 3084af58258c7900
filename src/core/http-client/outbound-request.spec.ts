import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboundFailure, OutboundRequestError, sendRequest } from './outbound-request';

/*
 * The shared transport against a real HTTP server on a local port: what an
 * answer gives back, and the reasons for no answer, none of which may hold
 * the URL (its query string stands for U8's app secret, its path for a
 * WeCom robot's key).
 */

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const received: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];
let connections = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method, headers: request.headers, body });
      handler(request, body, response);
    });
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  received.length = 0;
  handler = (_request, _body, response) => response.end('ok');
});

const SECRET_PATH = '/cgi-bin/webhook/send?key=robot-key-秘密&appSecret=hunter2';

/**
 * The call fails with an OutboundRequestError of this kind and exactly this
 * reason, as its message too, and nothing of the URL (host, path, key, secret) in it.
 */
async function expectFailure(
  promise: Promise<unknown>,
  kind: OutboundFailure,
  reason: string,
): Promise<void> {
  const error: unknown = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(OutboundRequestError);
  expect(error).toMatchObject({ kind, reason, message: reason });
  for (const leak of ['127.0.0.1', 'robot-key', 'hunter2', 'webhook', 'http:']) {
    expect(reason).not.toContain(leak);
  }
}

describe('sendRequest', () => {
  it('sends the method, headers and body, and gives back the status, cookies and text', async () => {
    handler = (_request, body, response) => {
      response.writeHead(201, {
        'content-type': 'text/plain; charset=utf-8',
        'set-cookie': ['kdservice-sessionid=abc; path=/', 'lang=zh-CN'],
      });
      response.end(`收到：${body}`);
    };

    const answer = await sendRequest(
      `${base}/K3Cloud/Save`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-trace': 'k3-save-1' },
        body: '{"客户":"杭州阀门"}',
      },
      2000,
    );

    expect(answer).toEqual({
      status: 201,
      setCookies: ['kdservice-sessionid=abc; path=/', 'lang=zh-CN'],
      text: '收到：{"客户":"杭州阀门"}',
    });
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].body).toBe('{"客户":"杭州阀门"}');
    // Bytes, not characters: 7 ASCII bytes and 6 Chinese characters of 3 bytes each.
    expect(received[0].headers['content-length']).toBe('25');
    expect(received[0].headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received[0].headers['x-trace']).toBe('k3-save-1');
  });

  it('takes a Buffer body and a URL object; no Set-Cookie gives an empty list', async () => {
    const answer = await sendRequest(
      new URL(`${base}/buffer`),
      { method: 'PUT', body: Buffer.from([0x61, 0x62, 0x63]) },
      2000,
    );
    expect(answer).toEqual({ status: 200, setCookies: [], text: 'ok' });
    expect(received[0]).toMatchObject({ method: 'PUT', body: 'abc' });
    expect(received[0].headers['content-length']).toBe('3');
  });

  it('sends no body and no content-length without one', async () => {
    await sendRequest(`${base}/stock`, { method: 'GET' }, 2000);
    expect(received[0].method).toBe('GET');
    expect(received[0].body).toBe('');
    expect(received[0].headers['content-length']).toBeUndefined();
  });

  it('gives any status as an answer, not an error: 503 and 404 resolve', async () => {
    handler = (request, _body, response) => {
      response.statusCode = request.url === '/busy' ? 503 : 404;
      response.end('<html>网关错误</html>');
    };
    await expect(sendRequest(`${base}/busy`, { method: 'POST' }, 2000)).resolves.toMatchObject({
      status: 503,
      text: '<html>网关错误</html>',
    });
    await expect(sendRequest(`${base}/gone`, { method: 'GET' }, 2000)).resolves.toMatchObject({
      status: 404,
    });
  });

  it('keeps the connection open between calls', async () => {
    const before = connections;
    for (let call = 0; call < 3; call++) {
      await sendRequest(`${base}/again`, { method: 'POST', body: '{}' }, 2000, { maxSockets: 3 });
    }
    expect(connections - before).toBe(1);
  });

  it('no answer within the timeout: a timeout whose reason holds no URL', async () => {
    handler = () => undefined; // never answers; the client drops the socket when it gives up

    await expectFailure(
      sendRequest(`${base}${SECRET_PATH}`, { method: 'POST', body: '{}' }, 50),
      'timeout',
      'no answer within 50 ms',
    );
  });

  it('a connection reset before the answer: network error (ECONNRESET)', async () => {
    handler = (request) => request.socket.destroy();

    await expectFailure(
      sendRequest(`${base}${SECRET_PATH}`, { method: 'GET' }, 2000),
      'network',
      'network error (ECONNRESET)',
    );
  });

  it('a connection cut mid-answer (a lost response): network error (ECONNRESET)', async () => {
    handler = (request, _body, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"Result":', () => request.socket.destroy());
    };

    await expectFailure(
      sendRequest(`${base}${SECRET_PATH}`, { method: 'POST' }, 2000),
      'network',
      'network error (ECONNRESET)',
    );
  });

  it('nobody listening: network error (ECONNREFUSED)', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');

    await expectFailure(
      sendRequest(`http://127.0.0.1:${port}${SECRET_PATH}`, { method: 'POST' }, 2000),
      'network',
      'network error (ECONNREFUSED)',
    );
  });

  it('a URL that does not parse: network error (ERR_INVALID_URL), without the URL', async () => {
    await expectFailure(
      sendRequest('not a url ?appSecret=hunter2', { method: 'GET' }, 2000),
      'network',
      'network error (ERR_INVALID_URL)',
    );
  });

  describe('maxAnswerBytes', () => {
    // 100 KiB in several writes, so the cap falls inside a chunk, not on its edge.
    const SIZE = 100 * 1024;
    const bigAnswer = (_request: IncomingMessage, _body: string, response: ServerResponse) => {
      response.writeHead(200, { 'content-length': String(SIZE) });
      for (let offset = 0; offset < SIZE; offset += 10 * 1000) {
        const length = Math.min(10 * 1000, SIZE - offset);
        response.write(Buffer.alloc(length, String.fromCharCode(97 + offset / 10000)));
      }
      response.end();
    };

    it('keeps exactly the first maxAnswerBytes bytes of a longer answer', async () => {
      handler = bigAnswer;
      const answer = await sendRequest(`${base}/big`, { method: 'POST' }, 2000, {
        maxAnswerBytes: 64 * 1024,
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toHaveLength(64 * 1024);
      // 65 536 bytes: six whole writes of 10 000 (a..f), then 5 536 bytes of the seventh (g).
      expect(answer.text).toBe(
        'abcdef'
          .split('')
          .map((letter) => letter.repeat(10000))
          .join('') + 'g'.repeat(5536),
      );
    });

    it('keeps the whole answer without a cap, and one under the cap', async () => {
      handler = bigAnswer;
      const whole = await sendRequest(`${base}/big`, { method: 'POST' }, 2000);
      expect(whole.text).toHaveLength(SIZE);

      handler = (_request, _body, response) => response.end('{"errcode":0,"errmsg":"ok"}');
      const small = await sendRequest(`${base}/small`, { method: 'POST' }, 2000, {
        maxAnswerBytes: 64 * 1024,
      });
      expect(small.text).toBe('{"errcode":0,"errmsg":"ok"}');
    });
  });
});
