import { wallClockMinute } from '../../../core/time/wall-clock';
/**
 * The WeCom (企业微信) group-robot message a `format: "wecom"` subscription
 * receives: a POST of
 *
 *   { "msgtype": "markdown", "markdown": { "content": "…" } }
 *
 * to the robot's URL (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
 * WeCom takes at most 4096 bytes of UTF-8 markdown content, and answers
 * HTTP 200 with `{ "errcode": 0, "errmsg": "ok" }`; another errcode is a
 * failure (see webhookOutcome). The content is Chinese, for people:
 *
 *   ### 【预警触发】杭州一组复购率低于 20%
 *   > 事件：alert.triggered
 *   > 时间：2026-12-06 10:30
 *   > metric：repurchase_rate
 */
export interface WecomMarkdownMessage {
  msgtype: 'markdown';
  markdown: { content: string };
}

/** WeCom's limit on `markdown.content`, in UTF-8 bytes. */
export const WECOM_MAX_CONTENT_BYTES = 4096;
/** One payload value is cut to this many characters. */
const MAX_VALUE_CHARS = 200;
const ELLIPSIS = '…';

export interface WecomInput {
  /** The event's Chinese name, e.g. `预警触发`. */
  eventName: string;
  event: string;
  /** `payload.title`, when a string, heads the message; the other fields follow, one a line. */
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** The organisation's time zone (setting `timezone`), for the time shown. */
  timeZone: string;
}

export function wecomMessage(input: WecomInput): WecomMarkdownMessage {
  const { title, ...rest } = input.payload;
  const heading = typeof title === 'string' && title ? title : input.eventName;
  const lines = [
    `### 【${input.eventName}】${oneLine(heading)}`,
    `> 事件：${input.event}`,
    `> 时间：${wallClockMinute(input.occurredAt, input.timeZone)}`,
    ...Object.entries(rest)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => `> ${key}：${shown(value)}`),
  ];
  return { msgtype: 'markdown', markdown: { content: fitBytes(lines, WECOM_MAX_CONTENT_BYTES) } };
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = oneLine(text);
  return flat.length > MAX_VALUE_CHARS ? flat.slice(0, MAX_VALUE_CHARS) + ELLIPSIS : flat;
}

/** Markdown lines stay lines: a value's own line breaks would start new blocks. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The lines joined, whole lines only, within `maxBytes`; the cut is marked with `…`. */
function fitBytes(lines: string[], maxBytes: number): string {
  let content = '';
  for (const line of lines) {
    const next = content ? `${content}\n${line}` : line;
    if (Buffer.byteLength(next, 'utf8') > maxBytes - Buffer.byteLength(`\n${ELLIPSIS}`)) {
      return `${content}\n${ELLIPSIS}`;
    }
    content = next;
  }
  return content;
}
