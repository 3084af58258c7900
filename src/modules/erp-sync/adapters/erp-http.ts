import {
  OutboundAnswer,
  OutboundRequestError,
  sendRequest,
} from '../../../core/http-client/outbound-request';
import { ErpRequestError, RetryableErpError } from './erp-adapter';

/*
 * The one place that calls the ERP over HTTP for the adapters: it sorts the
 * answers into retryable or not and parses the JSON. The transport is core's
 * sendRequest (node:http with keep-alive rather than fetch: a dispatch makes
 * one call per contract, and fetch spends several times the CPU on each),
 * bounded by the connection's timeout. Messages carry only the operation's
 * label (e.g. "K3 Cloud Save"), never the URL: U8 puts the app secret and the
 * token in the query string.
 */

export interface ErpHttpResponse {
  status: number;
  /** The Set-Cookie headers, one entry per cookie. */
  setCookies: string[];
  /** The parsed JSON body. */
  body: unknown;
}

/** Connections kept open between calls, per protocol; an ERP takes a few hundred at most. */
const ERP_MAX_SOCKETS = 256;

export async function erpRequest(
  label: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<ErpHttpResponse> {
  const json = init.body !== undefined;
  let response: OutboundAnswer;
  try {
    response = await sendRequest(
      url,
      {
        method: init.method,
        headers: {
          accept: 'application/json',
          ...(json ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...init.headers,
        },
        body: json ? JSON.stringify(init.body) : undefined,
      },
      timeoutMs,
      { maxSockets: ERP_MAX_SOCKETS },
    );
  } catch (error) {
    if (!(error instanceof OutboundRequestError)) throw error;
    // "timeout" or "network", with a reason such as "no answer within 15000 ms".
    throw new RetryableErpError(error.kind, `${label}: ${error.reason}`);
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
