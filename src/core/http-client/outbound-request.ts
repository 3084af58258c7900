import {
  Agent as HttpAgent,
  IncomingMessage,
  OutgoingHttpHeaders,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/*
 * The one transport for calls that leave the process: the ERP adapters
 * (erp-sync/adapters/erp-http.ts) and the webhook deliveries
 * (notifications/webhook-http.ts) both go through sendRequest. It sends one
 * request over a keep-alive agent, bounds it with AbortSignal.timeout, reads
 * the whole answer and hands back its status, Set-Cookie headers and text.
 * What an answer means (retry, final, JSON) is the caller's: any status is an
 * answer here.
 *
 * A failure carries a short reason, never the URL: U8 puts the app secret and
 * the token in the query string, and a WeCom robot's URL holds its key.
 * node:http with keep-alive rather than fetch: an ERP dispatch makes one call
 * per contract, and fetch spends several times the CPU on each.
 */

export interface OutboundRequest {
  method: string;
  headers?: Record<string, string>;
  /** Sent as it is, UTF-8 for a string, with its content-length; the caller sets content-type. */
  body?: string | Buffer;
}

export interface OutboundAnswer {
  status: number;
  /** The Set-Cookie headers, one entry per cookie. */
  setCookies: string[];
  /** The answer body as UTF-8, cut to `maxAnswerBytes`. */
  text: string;
}

export interface OutboundOptions {
  /**
   * Connections open at once to one host, and kept open between calls. Callers
   * with the same figure share a pool (one agent per protocol and figure).
   */
  maxSockets?: number;
  /** Of the answer body, the first this many bytes are kept; the rest is read and dropped. */
  maxAnswerBytes?: number;
}

export const DEFAULT_MAX_SOCKETS = 64;

export type OutboundFailure =
  | 'timeout' // no complete answer within timeoutMs
  | 'network'; // refused, reset, DNS, a socket closed mid-answer, a URL that does not parse

/** Why a request got no answer. The message is the reason, which never holds the URL. */
export class OutboundRequestError extends Error {
  override readonly name = 'OutboundRequestError';

  constructor(
    readonly kind: OutboundFailure,
    /** e.g. `no answer within 15000 ms`, `network error (ECONNRESET)`. */
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * One request, its whole answer read. Resolves for every answer, whatever its
 * status; rejects only with an OutboundRequestError: a socket error, a cut
 * answer or the timeout.
 */
export async function sendRequest(
  url: string | URL,
  init: OutboundRequest,
  timeoutMs: number,
  options: OutboundOptions = {},
): Promise<OutboundAnswer> {
  try {
    return await send(typeof url === 'string' ? new URL(url) : url, init, timeoutMs, options);
  } catch (error) {
    throw transportError(error, timeoutMs);
  }
}

const agents = new Map<string, HttpAgent>();

/** The keep-alive agent for a protocol and pool size; none for another protocol (node then refuses it). */
function agentFor(protocol: string, maxSockets: number): HttpAgent | undefined {
  if (protocol !== 'http:' && protocol !== 'https:') return undefined;
  const key = `${protocol}${maxSockets}`;
  let agent = agents.get(key);
  if (!agent) {
    const Agent = protocol === 'https:' ? HttpsAgent : HttpAgent;
    agent = new Agent({ keepAlive: true, maxSockets });
    agents.set(key, agent);
  }
  return agent;
}

function send(
  url: URL,
  init: OutboundRequest,
  timeoutMs: number,
  { maxSockets = DEFAULT_MAX_SOCKETS, maxAnswerBytes = Infinity }: OutboundOptions,
): Promise<OutboundAnswer> {
  const payload = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
  const headers: OutgoingHttpHeaders = {
    ...(payload ? { 'content-length': payload.length } : {}),
    ...init.headers,
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: init.method,
        agent: agentFor(url.protocol, maxSockets),
        signal: AbortSignal.timeout(timeoutMs),
        headers,
      },
      (incoming) => void readAnswer(incoming, maxAnswerBytes).then(resolve, reject),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function readAnswer(incoming: IncomingMessage, maxAnswerBytes: number): Promise<OutboundAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    incoming.on('data', (chunk: Buffer) => {
      if (kept >= maxAnswerBytes) return;
      const part = chunk.subarray(0, maxAnswerBytes - kept);
      chunks.push(part);
      kept += part.length;
    });
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

/**
 * The reason from the error's name or code only: node's messages may quote the
 * host or the URL. Duck-typed: an AbortSignal's DOMException may come from
 * another realm (jest).
 */
function transportError(error: unknown, timeoutMs: number): OutboundRequestError {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new OutboundRequestError('timeout', `no answer within ${timeoutMs} ms`);
  }
  const reason =
    typeof code === 'string' ? code : typeof name === 'string' && name ? name : 'error';
  return new OutboundRequestError('network', `network error (${reason})`);
}
