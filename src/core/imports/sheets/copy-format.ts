/**
 * PostgreSQL's COPY text format: one line per record, tab-separated, `\N` for
 * NULL, and backslash escapes for the characters that would end a field or a line.
 */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;

export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  // Most fields need no escape; testing first spares a replace on each (a million rows, a dozen fields).
  return SPECIAL.test(value) ? value.replace(SPECIALS, (char) => ESCAPES[char]) : value;
}

export function copyRecord(values: readonly (string | null)[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

const QUOTE_OR_BACKSLASH = /["\\]/;
const QUOTES_AND_BACKSLASHES = /["\\]/g;

/** A text[] literal, every element quoted so commas, braces and `NULL` stay text. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map(quotedElement).join(',')}}`;
}

function quotedElement(item: string): string {
  const escaped = QUOTE_OR_BACKSLASH.test(item)
    ? item.replace(QUOTES_AND_BACKSLASHES, '\\$&')
    : item;
  return `"${escaped}"`;
}
