import {
  EncodedText,
  FORGED_CURSORS,
  HOSTILE_QUERY_TEXTS,
  percentEncode,
  POLLUTION_MARKER,
  QueryPair,
  queryArb,
  sample,
  UNKNOWN_UUID,
} from '../arbitraries';
import { ANY, Expectation } from '../attacker';
import { breaksQueryText } from '../schema-check';
import type { Parameter } from '../spec-walker';
import { Case, invalid, request, Target, validBody } from './case';

/**
 * The valid body, but no form: no upload route reads a query, and a valid
 * form would run a whole import for every case.
 */
const bodyFor = (target: Target) => (target.form ? undefined : validBody(target));

/** What the server decodes `encoded` to, or undefined when it is not well-formed percent-encoded UTF-8. */
function decoded(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/** 400 naming the parameter when the spec rules the text out; otherwise anything but a 5xx. */
function expectationFor(param: Parameter, encoded: string): Expectation {
  const text = decoded(encoded);
  return text !== undefined && breaksQueryText(param.schema, text) ? invalid(param.name) : ANY;
}

/** Values just past the schema's bounds, which must get 400, and an id that names nothing. */
function schemaEdgeTexts(param: Parameter): EncodedText[] {
  const { minimum, maximum, maxLength, format } = param.schema;
  return [
    ...(format === 'uuid' ? [{ label: 'a UUID nothing has', encoded: UNKNOWN_UUID }] : []),
    ...(minimum !== undefined ? [{ label: `minimum − 1`, encoded: String(minimum - 1) }] : []),
    ...(maximum !== undefined ? [{ label: `maximum + 1`, encoded: String(maximum + 1) }] : []),
    ...(maxLength !== undefined
      ? [{ label: `${maxLength + 1} characters`, encoded: 'x'.repeat(maxLength + 1) }]
      : []),
  ];
}

/**
 * Each declared parameter given each hostile value, forged cursors, bounds,
 * repetition and bracket syntax; then stray parameters on every operation.
 */
export function queryCases(target: Target): Case[] {
  const { queryParams } = target.op;
  const withQuery = (label: string, query: string, expect: Expectation): Case => ({
    request: request(target, label, { query, body: bodyFor(target) }),
    expect,
  });
  const perParameter = queryParams.flatMap((param) => {
    const values = [
      ...HOSTILE_QUERY_TEXTS,
      ...schemaEdgeTexts(param),
      ...(param.name === 'cursor' ? FORGED_CURSORS : []),
    ];
    return [
      ...values.map(({ label, encoded }) =>
        withQuery(
          `${param.name} = ${label}`,
          `${param.name}=${encoded}`,
          expectationFor(param, encoded),
        ),
      ),
      withQuery(`${param.name} twice`, `${param.name}=1&${param.name}=2`, ANY),
      withQuery(`${param.name} with []`, `${param.name}[]=1`, ANY),
      withQuery(`${param.name} with [key]`, `${param.name}[a]=1`, ANY),
    ];
  });
  // Unknown parameters are errors where the route reads a query (API.md §0); elsewhere they are ignored.
  const unknown = (name: string) => (queryParams.length ? invalid(name) : ANY);
  const stray = [
    withQuery('an unknown parameter', 'unexpectedParam=1', unknown('unexpectedParam')),
    withQuery('a constructor parameter', 'constructor=1', unknown('constructor')),
    withQuery('a prototype parameter', 'prototype=1', unknown('prototype')),
    withQuery('a __proto__ parameter', `__proto__[${POLLUTION_MARKER}]=1`, ANY),
    withQuery(
      'a constructor.prototype parameter',
      `constructor[prototype][${POLLUTION_MARKER}]=1`,
      ANY,
    ),
    withQuery('a parameter name with NUL', 'a%00b=1', ANY),
    withQuery('a parameter without a name', '=1&&&', ANY),
  ];
  const oversized = queryParams.length
    ? [withQuery('a 20,000-character query', `${queryParams[0].name}=${'x'.repeat(20_000)}`, ANY)]
    : [];
  return [...perParameter, ...stray, ...oversized];
}

/** Random queries over the declared parameters; one the spec rules out must not succeed. */
export function randomQueryCases(target: Target, seed: number, runs: number): Case[] {
  const { queryParams } = target.op;
  if (!queryParams.length) return [];
  return sample(queryArb(queryParams), seed, runs).map((pairs, index) => ({
    request: request(target, `random query #${index + 1}`, {
      query: pairs.map((pair) => `${percentEncode(pair.name)}=${pair.encoded}`).join('&'),
      body: bodyFor(target),
    }),
    expect: rulesOut(queryParams, pairs) ? { kind: 'rejected' } : ANY,
  }));
}

/** Whether the spec rules the query out: a stray name, or a declared one given once with a bad value. */
function rulesOut(params: Parameter[], pairs: QueryPair[]): boolean {
  const byName = new Map(params.map((param) => [param.name, param]));
  if (pairs.some((pair) => !byName.has(pair.name))) return true;
  return pairs.some((pair) => {
    const once = pairs.filter((other) => other.name === pair.name).length === 1;
    const text = decoded(pair.encoded);
    return (
      once && text !== undefined && breaksQueryText(byName.get(pair.name)!.schema, text) === true
    );
  });
}
