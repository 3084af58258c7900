import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/*
 * The one place that POSTs webhook deliveries, with node:http(s) and
 * keep-alive, as erp-http.ts calls the ERP (erpRequest itself does not fit: it
 * insists on a JSON answer and sorts 4xx as final, while every non-2xx
 * answer of a webhook receiver is retried). The call is bounded by
 * AbortSignal.timeout. Errors carry a short reason, never the URL: a WeCom
 * robot's URL holds its key.
 */

const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/** Of an answer body, this much is kept (WeCom's `errcode` check needs it). */
const MAX_ANSWER_BYTES = 64 * 1024;

export type WebhookAnswer =
  { kind: 'answered'; status: number; text: string } | { kind: 'unreachable'; reason: string };

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<WebhookAnswer> {
  const target = new URL(url);
  const payload = Buffer.from(body, 'utf8');
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const unreachable = (error: unknown) =>
      resolve({ kind: 'unreachable', reason: transportReason(error, timeoutMs) });
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent: AGENTS[target.protocol as keyof typeof AGENTS],
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': payload.length,
          'user-agent': 'sales-api-webhooks/1',
          ...headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        incoming.on('error', unreachable);
        incoming.on('close', () => {
          if (!incoming.complete) return unreachable({ code: 'ECONNRESET' });
          resolve({
            kind: 'answered',
            status: incoming.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', unreachable);
    outgoing.end(payload);
  });
}

function transportReason(error: unknown, timeoutMs: number): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const reason =
    typeof code === 'string' ? code : typeof name === 'string' && name ? name : 'error';
  return `network error (${reason})`;
}
