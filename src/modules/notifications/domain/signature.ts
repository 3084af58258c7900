import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. What is signed is the ASCII string
 *
 *   `<timestamp>.<body>`
 *
 * where `<timestamp>` is the `X-Timestamp` header (Unix seconds, decimal) and
 * `<body>` is the request body exactly as sent (UTF-8 bytes, not re-encoded).
 * The key is the subscription's secret (UTF-8). The header is
 *
 *   `X-Signature: sha256=<lower-case hex HMAC-SHA256>`
 *
 * Signing the timestamp with the body lets a receiver refuse a replayed
 * request whose timestamp is too old (5 minutes, say) without a signature
 * of its own to keep.
 */
export const SIGNATURE_PREFIX = 'sha256=';

/** The `X-Signature` value for this body, sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8');
  return SIGNATURE_PREFIX + hmac.digest('hex');
}

/**
 * A receiver's check: the signature matches and the timestamp is within
 * `toleranceSeconds` of `now` (Unix seconds). Compares in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string; timestamp: string },
  body: string,
  now: number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d{1,12}$/.test(headers.timestamp)) return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
