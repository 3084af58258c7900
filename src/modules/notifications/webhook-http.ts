import { OutboundRequestError, sendRequest } from '../../core/http-client/outbound-request';

/*
 * The one place that POSTs webhook deliveries, on core's sendRequest
 * (node:http(s) with keep-alive, bounded by AbortSignal.timeout), the
 * transport the ERP adapters call the ERP with. erpRequest itself does not
 * fit: it insists on a JSON answer and sorts 4xx as final, while every non-2xx
 * answer of a webhook receiver is an answer here, which the dispatcher retries.
 * Errors carry a short reason, never the URL: a WeCom robot's URL holds its key.
 */

/** Connections kept open between deliveries, per protocol. */
const WEBHOOK_MAX_SOCKETS = 64;

/** Of an answer body, this much is kept (WeCom's `errcode` check needs it). */
const MAX_ANSWER_BYTES = 64 * 1024;

export type WebhookAnswer =
  { kind: 'answered'; status: number; text: string } | { kind: 'unreachable'; reason: string };

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<WebhookAnswer> {
  // Parsed here, so a malformed URL throws as it always has (the DTO admits only http(s) URLs).
  const target = new URL(url);
  try {
    const { status, text } = await sendRequest(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'sales-api-webhooks/1',
          ...headers,
        },
        body,
      },
      timeoutMs,
      { maxSockets: WEBHOOK_MAX_SOCKETS, maxAnswerBytes: MAX_ANSWER_BYTES },
    );
    return { kind: 'answered', status, text };
  } catch (error) {
    if (!(error instanceof OutboundRequestError)) throw error;
    return { kind: 'unreachable', reason: error.reason };
  }
}
