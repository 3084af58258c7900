import type { WebhookFormat } from '../webhook.entity';

/** What an answer means for a delivery: delivered, or retried with the reason shown in the log. */
export type AnswerVerdict = { delivered: true } | { delivered: false; reason: string };

/**
 * A 2xx answer delivers; anything else is retried. A WeCom robot answers 200
 * even when it refuses the message, with a non-zero `errcode` (e.g. 93000,
 * invalid webhook URL): that is a failure, and its `errmsg` is the reason.
 */
export function webhookOutcome(format: WebhookFormat, status: number, text: string): AnswerVerdict {
  if (status < 200 || status > 299) return { delivered: false, reason: `HTTP ${status}` };
  if (format !== 'wecom') return { delivered: true };
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { delivered: false, reason: 'WeCom answer is not JSON' };
  }
  if (answer?.errcode === 0) return { delivered: true };
  const errmsg = typeof answer?.errmsg === 'string' ? answer.errmsg.slice(0, 200) : '';
  return { delivered: false, reason: `WeCom errcode ${String(answer?.errcode)} ${errmsg}`.trim() };
}
