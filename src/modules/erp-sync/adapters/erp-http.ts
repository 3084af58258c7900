import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ErpRequestError, RetryableErpError } from './erp-adapter';

/*
 * The one place that calls the ERP over HTTP for the adapters: it bounds the
 * call with AbortSignal.timeout and sorts failures into retryable or not.
 * Messages carry only the operation's label (e.g. "K3 Cloud Save"), never the
 * URL: U8 puts the app secret and the token in the query string. node:http
 * with keep-alive rather than fetch: a dispatch makes one call per contract,
 * and fetch spends several times the CPU on each.
 */

export interface ErpHttpResponse {
  status: number;
  /** The Set-Cookie headers, one entry per cookie. */
  setCookies: string[];
  /** The parsed JSON body. */
  body: unknown;
}

/** Connections kept open between calls, per protocol; an ERP takes a few hundred at most. */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 256 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
};

interface RawAnswer {
  status: number;
  setCookies: string[];
  text: string;
}

export async function erpRequest(
  label: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<ErpHttpResponse> {
  let response: RawAnswer;
  try {
    response = await send(new URL(url), init, timeoutMs);
  } catch (error) {
    throw transportError(label, error, timeoutMs);
  }

  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw new RetryableErpError(
      'http_status',
      `${label}: HTTP ${response.status}`,
      response.status,
    );
  }
  if (response.status >= 400) {
    throw new ErpRequestError(`${label}: HTTP ${response.status}`, response.status);
  }
  try {
    const { status, setCookies, text } = response;
    return { status, setCookies, body: JSON.parse(text) };
  } catch {
    throw new RetryableErpError(
      'bad_response',
      `${label}: the answer is not JSON (HTTP ${response.status})`,
      response.status,
    );
  }
}

/** One request, its whole answer read; rejects on a socket error, a cut answer or the timeout. */
function send(
  url: URL,
  init: { method: string; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<RawAnswer> {
  const payload = init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: init.method,
        agent: AGENTS[url.protocol as keyof typeof AGENTS],
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          accept: 'application/json',
          ...(payload
            ? {
                'content-type': 'application/json; charset=utf-8',
                'content-length': payload.length,
              }
            : {}),
          ...init.headers,
        },
      },
      (incoming) => void readAnswer(incoming).then(resolve, reject),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function readAnswer(incoming: IncomingMessage): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', reject);
    incoming.on('close', () => {
      // A connection cut mid-answer closes without completing it.
      if (!incoming.complete)
        return reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      resolve({
        status: incoming.statusCode ?? 0,
        setCookies: incoming.headers['set-cookie'] ?? [],
        text: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

function transportError(label: string, error: unknown, timeoutMs: number): RetryableErpError {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RetryableErpError('timeout', `${label}: no answer within ${timeoutMs} ms`);
  }
  const reason =
    typeof code === 'string' ? code : typeof name === 'string' && name ? name : 'error';
  return new RetryableErpError('network', `${label}: network error (${reason})`);
}
