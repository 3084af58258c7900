import { bodyArb, hostileValues, HOSTILE_KEYS, NESTING_DEPTH, sample } from '../arbitraries';
import { ANY, Expectation } from '../attacker';
import { deeplyNested, jsonText, JsonLike, meaningOf, objectWith } from '../json-text';
import { breaksSchema, isPlainObject } from '../schema-check';
import type { JsonSchema } from '../spec-walker';
import { Case, invalid, request, Target } from './case';

/** One step of a property path: a member name or an array index. */
type Segment = string | number;

/** A property of the body, possibly nested: `silentHours.b2b`, `transcript[0].text`. */
interface Slot {
  path: Segment[];
  schema: JsonSchema;
  required: boolean;
}

/** As the API names a field in `errors[].field` (see flattenValidationErrors). */
function fieldName(path: Segment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index ? `.${segment}` : segment,
    )
    .join('');
}

/** The complete body first (it must succeed), then the body without each required property in turn. */
export function missingPropertyCases(target: Target): Case[] {
  const drops = slots(target.op.body!.schema, target.body!).filter(
    (slot) => slot.required && valueAt(target.body!, slot.path) !== undefined,
  );
  return [
    {
      // Registered in fixtures/, or derived from the schema; if the API refuses it, register one that it takes.
      request: request(target, 'the complete valid body'),
      expect: { kind: 'success' },
    },
    ...drops.map((slot) => ({
      request: request(target, `without ${fieldName(slot.path)}`, {
        body: { kind: 'json', value: replaceAt(target.body!, slot.path, undefined) },
      }),
      expect: invalid(fieldName(slot.path)),
    })),
  ];
}

/** Each property replaced by each hostile value, and each object given hostile members. */
export function propertyCases(target: Target): Case[] {
  const body = target.body!;
  const schema = target.op.body!.schema;
  const values = slots(schema, body).flatMap((slot) =>
    hostileValues(slot.schema, valueAt(body, slot.path)).map((mutation) => {
      const name = fieldName(slot.path);
      const breaks =
        mutation.refusedBy !== undefined ||
        breaksSchema(slot.schema, meaningOf(mutation.value), slot.required);
      const why = mutation.refusedBy ? ` (${mutation.refusedBy})` : '';
      return {
        request: request(target, `${name} = ${mutation.label}${why}`, {
          body: { kind: 'json', value: replaceAt(target.body!, slot.path, mutation.value) },
        }),
        expect: breaks ? invalid(name) : ANY,
      };
    }),
  );
  const members = objectSlots(schema, body).flatMap((slot) =>
    HOSTILE_KEYS.map(({ label, key: name, value }) => {
      const field = fieldName([...slot.path, name]);
      const fresh = target.body!;
      const object = (valueAt(fresh, slot.path) ?? {}) as Record<string, JsonLike>;
      const widened = objectWith([...Object.entries(object), [name, value]]);
      return {
        request: request(target, `${label} at ${fieldName(slot.path) || 'the top'}`, {
          body: {
            kind: 'json',
            value: slot.path.length ? replaceAt(fresh, slot.path, widened) : widened,
          },
        }),
        expect: slot.schema.additionalProperties === true ? ANY : invalid(field),
      };
    }),
  );
  return [...values, ...members];
}

/** Bodies near the valid one, from fast-check; a body the spec rules out must not succeed. */
export function randomBodyCases(target: Target, seed: number, runs: number): Case[] {
  const schema = target.op.body!.schema;
  return sample(bodyArb(schema, target.body!), seed, runs).map((value, index) => ({
    request: request(target, `random body #${index + 1}`, {
      body: { kind: 'json', value },
    }),
    expect: breaksSchema(schema, meaningOf(value)) ? { kind: 'rejected' } : ANY,
  }));
}

/**
 * Bodies that are not the JSON object the route reads: broken JSON, other
 * JSON values, nesting, sizes and media types. Sent to every route that
 * takes a body, and to the bodiless POSTs, PATCHes and DELETEs too.
 */
export function malformedBodyCases(target: Target, bodyLimitBytes: number): Case[] {
  const valid = target.body ? jsonText(target.body) : '{}';
  // A route that reads a JSON object must refuse what is not one; a bodiless route may ignore it.
  const refused: Expectation = target.body ? { kind: 'rejected' } : ANY;
  const raw = (
    label: string,
    content: string | Buffer,
    contentType?: string,
    expect = refused,
  ): Case => ({
    request: request(target, label, { body: { kind: 'raw', content, contentType } }),
    expect,
  });
  const json = (label: string, content: string, expect = refused) =>
    raw(label, content, 'application/json', expect);
  const firstMember = target.body ? Object.keys(target.body)[0] : 'a';
  return [
    json('truncated JSON', valid.slice(0, Math.max(1, valid.length - 2))),
    json('JSON with a trailing comma', valid.replace(/}$/, ',}')),
    json('single-quoted JSON', "{'name': 'x'}"),
    json('JSON with a bad escape', '{"a":"\\x"}'),
    json('JSON with a raw control character', '{"a":"\u0001"}'),
    json('two JSON documents', `${valid} ${valid}`),
    json('an empty body', ''),
    json('null', 'null'),
    json('an array', '[]'),
    json('a string', '"text"'),
    json('a number', '123'),
    json('-0', '-0'),
    json('1e400', '1e400'),
    json(`arrays nested ${NESTING_DEPTH} deep`, deeplyNested('array', NESTING_DEPTH).text),
    json(`objects nested ${NESTING_DEPTH} deep`, deeplyNested('object', NESTING_DEPTH).text),
    json('a byte-order mark before the JSON', `\uFEFF${valid}`, ANY),
    json(
      'a repeated member, the second hostile',
      valid.replace(/}$/, `,${JSON.stringify(firstMember)}:{"$gt":""}}`),
      ANY,
    ),
    json('10,000 members', `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":0`).join(',')}}`),
    json('a body over the size limit', ' '.repeat(bodyLimitBytes + 1)),
    raw(
      'the JSON as UTF-16',
      Buffer.from(valid, 'utf16le'),
      'application/json; charset=utf-16',
      ANY,
    ),
    raw('the JSON declared latin1', valid, 'application/json; charset=latin1', ANY),
    raw('a media type with bad parameters', valid, 'application/json; ;;=;charset', ANY),
    raw('the JSON as text/plain', valid, 'text/plain'),
    raw('a urlencoded form', 'name=x&phone=13900000000', 'application/x-www-form-urlencoded'),
    raw('XML', '<customer><name>x</name></customer>', 'application/xml'),
    raw(
      'multipart to a JSON route',
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n',
      'multipart/form-data; boundary=x',
    ),
    raw('an unknown media type', valid, 'application/x-attack'),
    raw('no media type', Buffer.from(valid)),
  ];
}

/** Every property of the schema, and of nested objects and the first item of arrays of objects present in `body`. */
function slots(schema: JsonSchema, body: unknown, path: Segment[] = []): Slot[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, member]) => {
    const here: Segment[] = [...path, name];
    const value = isPlainObject(body) && Object.hasOwn(body, name) ? body[name] : undefined;
    const own: Slot = {
      path: here,
      schema: member,
      required: schema.required?.includes(name) ?? false,
    };
    if (member.properties) return [own, ...slots(member, value ?? {}, here)];
    if (member.items?.properties && Array.isArray(value) && value.length) {
      return [own, ...slots(member.items, value[0], [...here, 0])];
    }
    return [own];
  });
}

/** The objects of the body: the body itself, nested objects, and the first item of arrays of objects. */
function objectSlots(
  schema: JsonSchema,
  body: unknown,
  path: Segment[] = [],
): { path: Segment[]; schema: JsonSchema }[] {
  const nested = Object.entries(schema.properties ?? {}).flatMap(([name, member]) => {
    const value = isPlainObject(body) && Object.hasOwn(body, name) ? body[name] : undefined;
    if (member.type === 'object' || member.properties)
      return objectSlots(member, value ?? {}, [...path, name]);
    if (member.items?.properties && Array.isArray(value) && value.length) {
      return objectSlots(member.items, value[0], [...path, name, 0]);
    }
    return [];
  });
  return [{ path, schema }, ...nested];
}

function valueAt(body: JsonLike, path: Segment[]): JsonLike | undefined {
  return path.reduce<JsonLike | undefined>((node, segment) => {
    if (Array.isArray(node) && typeof segment === 'number') return node[segment];
    return isPlainObject(node) && Object.hasOwn(node, segment)
      ? (node as Record<string, JsonLike>)[segment]
      : undefined;
  }, body);
}

/** A copy of `body` with the value at `path` replaced, or removed when `value` is undefined. */
function replaceAt(body: JsonLike, path: Segment[], value: JsonLike | undefined): JsonLike {
  const [head, ...rest] = path;
  const inner = (current: JsonLike | undefined) =>
    rest.length ? replaceAt(current ?? {}, rest, value) : value;
  if (typeof head === 'number') {
    const items = [...(body as JsonLike[])];
    items[head] = inner(items[head]) ?? null;
    return items;
  }
  const entries = Object.entries(isPlainObject(body) ? (body as Record<string, JsonLike>) : {});
  const next = inner(entries.find(([key]) => key === head)?.[1]);
  const others = entries.filter(([key]) => key !== head);
  return objectWith(next === undefined ? others : [...others, [head, next]]);
}
