/**
 * JSON bodies that JSON.stringify cannot write: `1e400`, `-0`, nesting thousands
 * deep, and keys such as `__proto__` kept as ordinary members.
 */

/** A piece of JSON text sent verbatim, with the value it stands for when the suite reasons about it. */
export class RawJson {
  constructor(
    readonly text: string,
    /** What a JSON parser makes of `text` (for deep nesting, a shallow value of the same shape). */
    readonly meaning: unknown,
  ) {}
}

export type JsonLike =
  null | boolean | number | string | RawJson | JsonLike[] | { [key: string]: JsonLike };

/** Serialises a JsonLike; RawJson pieces go in as they are. */
export function jsonText(value: JsonLike): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${jsonText(value[key])}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the server's JSON parser sees: RawJson replaced by its meaning. */
export function meaningOf(value: JsonLike | undefined): unknown {
  if (value instanceof RawJson) return value.meaning;
  if (Array.isArray(value)) return value.map(meaningOf);
  if (value !== null && typeof value === 'object') {
    return objectWith(Object.keys(value).map((key) => [key, meaningOf(value[key])]));
  }
  return value;
}

/**
 * A plain object from entries, where `__proto__` becomes an own member (as
 * JSON.parse makes it) instead of setting the prototype.
 */
export function objectWith<T>(entries: [string, T][]): Record<string, T> {
  const object: Record<string, T> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels deep. */
export function deeplyNested(kind: 'array' | 'object', depth: number): RawJson {
  return kind === 'array'
    ? new RawJson('['.repeat(depth) + ']'.repeat(depth), [[[]]])
    : new RawJson('{"a":'.repeat(depth) + '{}' + '}'.repeat(depth), { a: { a: {} } });
}
