import fc from 'fast-check';
import { deeplyNested, JsonLike, objectWith, RawJson } from './json-text';
import type { JsonSchema, Parameter } from './spec-walker';

/**
 * Hostile inputs, derived from an operation's own schema: fixed lists that
 * every run sends (each aimed at one property or parameter, so a failure
 * names it), and fast-check arbitraries for the random part.
 */

export interface Mutation {
  label: string;
  value: JsonLike;
  /** Where the contract refuses the value although the schema cannot say so (e.g. API.md §0 on times). */
  refusedBy?: string;
}

const MEGABYTE_STRING = 'x'.repeat(1 << 20);
/** Deep enough to break recursive parsers and validators, small enough to send quickly. */
export const NESTING_DEPTH = 5_000;
/** One more item than the largest batch any route takes (POST /signals: 10,000). */
const HUGE_ARRAY_LENGTH = 10_001;
/** The key a prototype-pollution payload sets; the suite checks that Object.prototype never gets it. */
export const POLLUTION_MARKER = 'polluted_by_attack';

const pollution = (): JsonLike => ({ [POLLUTION_MARKER]: true });

/** Members whose names attack the parser or the object model rather than the value, with their classic payloads. */
export const HOSTILE_KEYS: { label: string; key: string; value: JsonLike }[] = [
  { label: 'an unknown member', key: 'unexpectedField', value: 1 },
  { label: 'a __proto__ member', key: '__proto__', value: pollution() },
  { label: 'a constructor member', key: 'constructor', value: 1 },
  {
    label: 'a constructor.prototype member',
    key: 'constructor',
    value: { prototype: pollution() },
  },
  { label: 'a prototype member', key: 'prototype', value: pollution() },
  { label: 'a member name with NUL', key: 'a\u0000b', value: 1 },
];

/** A text as it goes on the wire, percent-encoded, with what it tries. */
export interface EncodedText {
  label: string;
  encoded: string;
}

/** Values of every JSON type except the schema's own: wrong types. */
function wrongTypes(schema: JsonSchema): Mutation[] {
  const byType: Record<string, Mutation> = {
    string: {
      label: 'a string',
      value: schema.type === 'number' || schema.type === 'integer' ? '12' : 'wrong',
    },
    number: { label: 'a number', value: 12345 },
    boolean: { label: 'a boolean', value: true },
    array: { label: 'an array', value: ['wrong'] },
    object: { label: 'an object', value: { wrong: 'type' } },
  };
  const own = schema.type === 'integer' ? 'number' : schema.type;
  return Object.entries(byType)
    .filter(([type]) => type !== own)
    .map(([, mutation]) => mutation);
}

/**
 * What replaces one property, in turn: wrong types, NUL, 1 MB, numbers JSON
 * allows but JavaScript cannot hold, huge arrays, deep nesting, and an object
 * whose key attacks the prototype chain (hostile member names are tried on
 * every object of the body; see HOSTILE_KEYS). `sample` is a valid value,
 * repeated to make the huge array.
 */
export function hostileValues(schema: JsonSchema, sample: JsonLike | undefined): Mutation[] {
  const item = Array.isArray(sample) && sample.length ? sample[0] : 'x';
  return [
    ...wrongTypes(schema),
    ...unknownReferences(schema),
    ...(schema.format === 'date-time' || isTime(sample) ? HOSTILE_TIMES : []),
    { label: 'null', value: null },
    { label: 'a string with NUL', value: 'a\u0000b' },
    { label: 'a 1 MB string', value: MEGABYTE_STRING },
    { label: 'a lone surrogate', value: '\ud800x' },
    { label: '"NaN"', value: 'NaN' },
    { label: '1e-8', value: 1e-8 },
    { label: '1e400', value: new RawJson('1e400', Infinity) },
    { label: '-0', value: new RawJson('-0', -0) },
    { label: '-1', value: -1 },
    { label: '2^53 + 2', value: 2 ** 53 + 2 },
    // Past every maxItems (and POST /signals' 10,000); only arrays have a count to check.
    ...(schema.type === 'array'
      ? [
          {
            label: `an array of ${HUGE_ARRAY_LENGTH} items`,
            value: Array<JsonLike>(HUGE_ARRAY_LENGTH).fill(item),
          },
        ]
      : []),
    { label: `arrays nested ${NESTING_DEPTH} deep`, value: deeplyNested('array', NESTING_DEPTH) },
    { label: `objects nested ${NESTING_DEPTH} deep`, value: deeplyNested('object', NESTING_DEPTH) },
    { label: 'an object with a __proto__ member', value: objectWith([['__proto__', pollution()]]) },
  ];
}

/** A well-formed id that names nothing: the spec allows it, so it must meet a 4xx, not a foreign-key 500. */
export const UNKNOWN_UUID = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

/** An id, or a list of ids, that names nothing, for properties that hold ids. */
function unknownReferences(schema: JsonSchema): Mutation[] {
  if (schema.format === 'uuid') return [{ label: 'a UUID nothing has', value: UNKNOWN_UUID }];
  if (schema.items?.format === 'uuid')
    return [{ label: 'a UUID nothing has', value: [UNKNOWN_UUID] }];
  return [];
}

const isTime = (value: JsonLike | undefined) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);

/** Times that are not times, and times at the edges of what PostgreSQL and JavaScript hold. */
const HOSTILE_TIMES: Mutation[] = [
  {
    label: 'a time without an offset',
    value: '2026-01-01T10:00:00',
    refusedBy: 'API.md §0: a time without an offset gets 400',
  },
  {
    label: '30 February',
    value: '2026-02-30T10:00:00+08:00',
    refusedBy: 'API.md §0: times are ISO-8601, and there is no 30 February',
  },
  {
    label: 'an offset of +25:00',
    value: '2026-01-01T10:00:00+25:00',
    refusedBy: 'API.md §0: times are ISO-8601, whose offsets stop at ±24:00',
  },
  { label: 'year 0', value: '0000-01-01T00:00:00Z' },
  { label: 'year 9999', value: '9999-12-31T23:59:59.999Z' },
  { label: 'the last JavaScript date', value: '+275760-09-13T00:00:00.000Z' },
  { label: 'a negative year', value: '-000001-01-01T00:00:00Z' },
  { label: 'thirteen fraction digits', value: '2026-01-01T10:00:00.1234567890123Z' },
];

/** Query values, already percent-encoded, each aimed at one parameter. */
export const HOSTILE_QUERY_TEXTS: EncodedText[] = [
  { label: 'a word', encoded: 'abc' },
  { label: 'empty', encoded: '' },
  { label: 'NUL', encoded: '%00' },
  { label: 'NUL inside', encoded: 'a%00b' },
  { label: '10,000 characters', encoded: 'x'.repeat(10_000) },
  { label: '1.5', encoded: '1.5' },
  { label: '-1', encoded: '-1' },
  { label: '0', encoded: '0' },
  { label: '-0', encoded: '-0' },
  { label: '1e-8', encoded: '1e-8' },
  { label: '1e400', encoded: '1e400' },
  { label: 'NaN', encoded: 'NaN' },
  { label: '20 digits', encoded: '99999999999999999999' },
  { label: 'a byte that is not UTF-8', encoded: '%FF' },
  { label: 'a truncated UTF-8 sequence', encoded: '%E4%B8' },
  { label: 'a UTF-8-encoded surrogate', encoded: '%ED%A0%80' },
  { label: 'a bare percent sign', encoded: '%' },
  { label: 'a bad escape', encoded: '%G1' },
  { label: 'SQL', encoded: encodeURIComponent("' OR 1=1 --") },
  { label: '__proto__', encoded: '__proto__' },
];

/** Cursors an attacker can forge: the API's own encoding (base64url JSON) around values it never issued. */
export const FORGED_CURSORS: EncodedText[] = [
  [],
  ['x'],
  ['not-a-time', 'not-a-uuid'],
  ['2026-01-01T00:00:00.000Z', 'not-a-uuid'],
  ['2026-13-45T99:99:99Z', '00000000-0000-0000-0000-000000000000'],
  ['\u0000', '\u0000'],
  [1e308, 'x'],
  [-1, -1],
  [2 ** 64, 'a'],
  ['x'.repeat(700), 'y'],
  ['a', 'b', 'c'],
  [1, 2, 3, 4],
].map((key) => ({
  label: `a forged cursor ${JSON.stringify(key).slice(0, 60)}`,
  encoded: Buffer.from(JSON.stringify(key)).toString('base64url'),
}));

/** Path parameter values: not ids, too long, NUL, encoded slashes and dots, bad escapes. */
export const HOSTILE_PATH_TEXTS: EncodedText[] = [
  { label: 'not a UUID', encoded: 'not-a-uuid' },
  { label: '10,000 characters', encoded: 'x'.repeat(10_000) },
  { label: 'NUL', encoded: '%00' },
  { label: 'a UUID with NUL', encoded: '00000000-0000-4000-8000-000000000000%00' },
  { label: 'an encoded slash', encoded: 'a%2Fb' },
  { label: 'encoded dots', encoded: '%2E%2E' },
  { label: 'a UUID in capitals', encoded: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA' },
  { label: 'the nil UUID', encoded: '00000000-0000-0000-0000-000000000000' },
  { label: 'a byte that is not UTF-8', encoded: '%FF' },
  { label: 'a UTF-8-encoded surrogate', encoded: '%ED%A0%80' },
  { label: 'a bare percent sign', encoded: '%' },
  { label: 'a bad escape', encoded: '%G1' },
  { label: 'full-width digits', encoded: encodeURIComponent('１２３') },
  { label: 'SQL', encoded: encodeURIComponent("' OR '1'='1") },
  { label: '1e400', encoded: '1e400' },
  { label: '-0', encoded: '-0' },
];

/** Percent-encodes the UTF-8 bytes of `text`, leaving RFC 3986's unreserved characters. */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

// ---- fast-check ----------------------------------------------------------

/** Values the schema allows (as far as a schema can tell: ids need not exist). */
export function validArb(schema: JsonSchema): fc.Arbitrary<JsonLike> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as JsonLike[]));
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return validStringArb(schema);
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const constraints = {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      };
      const item = validArb(schema.items ?? {});
      return schema.uniqueItems
        ? fc.uniqueArray(item, { ...constraints, selector: (value) => JSON.stringify(value) })
        : fc.array(item, constraints);
    }
    case 'object':
      return schema.properties
        ? validRecordArb(schema)
        : jsonObjectArb(plainKeyArb, fc.jsonValue() as fc.Arbitrary<JsonLike>);
    default:
      return fc.jsonValue() as fc.Arbitrary<JsonLike>;
  }
}

function validStringArb(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 20, 20)),
  });
}

function validRecordArb(schema: JsonSchema): fc.Arbitrary<JsonLike> {
  const model = Object.fromEntries(
    Object.entries(schema.properties!).map(([name, member]) => [name, validArb(member)]),
  );
  return fc.record(model, { requiredKeys: schema.required ?? [] });
}

/** Objects built member by member, so that `__proto__` stays an ordinary member. */
function jsonObjectArb(
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<JsonLike>,
): fc.Arbitrary<JsonLike> {
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((entries) => objectWith(entries));
}

/** Member names of free-form objects (customFields) in a valid body. */
const plainKeyArb: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,11}$/);

const hostileKeyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS.map(({ key }) => key)),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Any JSON value with a hostile streak: control characters, lone surrogates, extremes, odd shapes. */
const hostileArb: fc.Arbitrary<JsonLike> = fc.letrec<{ value: JsonLike }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<JsonLike>(
      null,
      '',
      'a\u0000b',
      '\ud800',
      '\u202e',
      new RawJson('1e400', Infinity),
      new RawJson('-0', -0),
      1e-8,
      2 ** 53 + 2,
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    jsonObjectArb(hostileKeyArb, tie('value')),
  ),
})).value;

const KEEP = Symbol('keep');
const DROP = Symbol('drop');

/**
 * Bodies near a valid one: each declared member kept, dropped, replaced by
 * another valid value or by a hostile one, plus stray members.
 */
export function bodyArb(
  schema: JsonSchema,
  base: Record<string, JsonLike>,
): fc.Arbitrary<JsonLike> {
  const names = Object.keys(schema.properties ?? {});
  const member = (name: string): fc.Arbitrary<typeof KEEP | typeof DROP | JsonLike> =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(KEEP) },
      { weight: 1, arbitrary: fc.constant(DROP) },
      { weight: 2, arbitrary: validArb(schema.properties![name]) },
      { weight: 3, arbitrary: hostileArb },
    );
  return fc
    .tuple(
      fc.tuple(...names.map(member)),
      fc.array(fc.tuple(hostileKeyArb, hostileArb), { maxLength: 2 }),
    )
    .map(([choices, strays]) => {
      const entries: [string, JsonLike][] = [];
      names.forEach((name, index) => {
        const choice = choices[index];
        if (choice === DROP || (choice === KEEP && !Object.hasOwn(base, name))) return;
        entries.push([name, choice === KEEP ? base[name] : choice]);
      });
      return objectWith([...entries, ...strays]);
    });
}

export interface QueryPair {
  name: string;
  /** The value, percent-encoded. */
  encoded: string;
}

const encodedPair = (name: string, text: string): QueryPair => ({
  name,
  encoded: percentEncode(text),
});

/** Query strings over the declared parameters, stray names, and hostile values. */
export function queryArb(params: Parameter[]): fc.Arbitrary<QueryPair[]> {
  const declared = params.map((param) =>
    fc
      .oneof(validQueryTextArb(param.schema), fc.string({ unit: 'binary', maxLength: 30 }))
      .map((text) => encodedPair(param.name, text)),
  );
  const stray = fc
    .tuple(
      fc.oneof(
        fc.constantFrom('unexpectedParam', '__proto__', 'constructor'),
        fc.string({ minLength: 1 }),
      ),
      fc.string(),
    )
    .map(([name, text]) => encodedPair(name, text));
  const raw = fc
    .tuple(
      fc.constantFrom(...params.map((param) => param.name)),
      fc.constantFrom(...HOSTILE_QUERY_TEXTS),
    )
    .map(([name, hostile]) => ({ name, encoded: hostile.encoded }));
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.oneof(...declared) }, stray, raw), {
    minLength: 1,
    maxLength: 4,
  });
}

function validQueryTextArb(schema: JsonSchema): fc.Arbitrary<string> {
  return validArb(schema).map((value) => String(value as string | number));
}

/** Random text for a path parameter. */
export const pathTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.uuid().map((uuid) => uuid.toUpperCase()),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 200 }),
);

export interface FormPart {
  name: string;
  /** A text field's value; absent for a file. */
  value?: string;
  file?: { content: Buffer; fileName: string; contentType?: string };
}

/** Multipart forms: the declared parts and stray ones, as text or files, with hostile content. */
export function formArb(schema: JsonSchema): fc.Arbitrary<FormPart[]> {
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...Object.keys(schema.properties ?? {})) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 10 }) },
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.constantFrom('', 'a\u0000b', '{"__proto__":{}}'),
  );
  const part = fc.oneof(
    fc.tuple(name, text).map(([partName, value]): FormPart => ({ name: partName, value })),
    fc
      .tuple(name, fc.uint8Array({ maxLength: 256 }), fc.string({ unit: 'binary', maxLength: 30 }))
      .map(([partName, bytes, fileName]): FormPart => ({
        name: partName,
        file: { content: Buffer.from(bytes), fileName: fileName || 'f' },
      })),
  );
  return fc.array(part, { maxLength: 4 });
}

/** `runs` values of `arbitrary`, the same for the same seed. */
export function sample<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number): T[] {
  return runs > 0 ? fc.sample(arbitrary, { seed, numRuns: runs }) : [];
}
