import type { Answer, AttackRequest, RequestBody } from './attacker';
import { jsonText, JsonLike, objectWith, RawJson } from './json-text';

/** Requests and answers as one-line text for the report, with megabytes cut down to a glimpse. */

const MAX_DESCRIPTION = 500;

export function describeRequest(request: AttackRequest): string {
  const url = request.query === undefined ? request.path : `${request.path}?${request.query}`;
  const parts = [`${request.method.toUpperCase()} ${shorten(url, 300)}`, `as ${request.as.name}`];
  const headers = Object.entries(request.headers ?? {});
  if (headers.length)
    parts.push(`headers ${shorten(JSON.stringify(Object.fromEntries(headers)), 200)}`);
  if (request.body) parts.push(describeBody(request.body));
  return parts.join(', ');
}

function describeBody(body: RequestBody): string {
  switch (body.kind) {
    case 'json':
      return `json ${shorten(jsonText(abbreviate(body.value)), MAX_DESCRIPTION)}`;
    case 'raw': {
      const content =
        typeof body.content === 'string' ? body.content : `<${body.content.length} bytes>`;
      return `content-type ${JSON.stringify(body.contentType ?? '(none)')} body ${shorten(JSON.stringify(content), 200)}`;
    }
    case 'form':
      return `multipart ${shorten(
        JSON.stringify(
          body.parts.map((part) =>
            part.file
              ? {
                  file: part.name,
                  fileName: shorten(part.file.fileName, 60),
                  bytes: part.file.content.length,
                  type: part.file.contentType,
                }
              : { field: part.name, value: shorten(part.value ?? '', 80) },
          ),
        ),
        MAX_DESCRIPTION,
      )}`;
  }
}

/** Long strings, arrays and raw texts shortened, so that a 1 MB case still reads in one line. */
function abbreviate(value: JsonLike): JsonLike {
  if (value instanceof RawJson) {
    return value.text.length > 60
      ? new RawJson(`${value.text.slice(0, 30)}…(${value.text.length} chars)`, null)
      : value;
  }
  if (typeof value === 'string')
    return value.length > 60 ? `${value.slice(0, 20)}…(${value.length} chars)` : value;
  if (Array.isArray(value)) {
    const head = value.slice(0, 3).map(abbreviate);
    return value.length > 3 ? [...head, `…(${value.length} items)`] : head;
  }
  if (value !== null && typeof value === 'object') {
    return objectWith(Object.keys(value).map((key) => [key, abbreviate(value[key])]));
  }
  return value;
}

export function describeAnswer(answer: Answer): string {
  const body = answer.text || (answer.body === undefined ? '' : JSON.stringify(answer.body));
  return `${answer.status} ${answer.contentType || '(no content-type)'} ${shorten(body, 300)}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
