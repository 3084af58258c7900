import { ErpRequestError, RetryableErpError } from './erp-adapter';

/*
 * The one place that calls fetch for the adapters: it bounds the call with
 * AbortSignal.timeout and sorts failures into retryable or not. Messages carry
 * only the operation's label (e.g. "K3 Cloud Save"), never the URL: U8 puts the
 * app secret and the token in the query string.
 */

export interface ErpHttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body. */
  body: unknown;
}

export async function erpRequest(
  label: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<ErpHttpResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
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
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  } catch {
    throw new RetryableErpError(
      'bad_response',
      `${label}: the answer is not JSON (HTTP ${response.status})`,
      response.status,
    );
  }
}

function transportError(label: string, error: unknown, timeoutMs: number): RetryableErpError {
  // Duck-typed: fetch's DOMException and undici's errors may come from another realm (jest).
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RetryableErpError('timeout', `${label}: no answer within ${timeoutMs} ms`);
  }
  // undici: TypeError('fetch failed') with the socket error as its cause.
  const code =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof name === 'string' && name
        ? name
        : 'error';
  return new RetryableErpError('network', `${label}: network error (${code})`);
}
