import { inEnglish } from '../errors/field-errors.testing';
import fc from 'fast-check';
import { CommonErrorCode, InvalidInputException } from '../errors/domain.exception';
import {
  findUnsafeValue,
  MAX_JSON_DEPTH,
  MAX_OBJECT_MEMBERS,
  parseJsonBody,
} from './request-input';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function rejection(text: string): InvalidInputException {
  try {
    parseJsonBody(text);
  } catch (error) {
    return error as InvalidInputException;
  }
  throw new Error(`accepted ${text.slice(0, 80)}`);
}

describe('findUnsafeValue', () => {
  it.each<[string, unknown, string]>([
    ['a top-level string', 'a\u0000b', 'body'],
    ['a property', { name: 'a\u0000b' }, 'name'],
    ['an array item', { tags: ['ok', 'x\u0000'] }, 'tags[1]'],
    ['a nested property', { transcript: [{ text: '\u0000' }] }, 'transcript[0].text'],
    ['a key', { customFields: { 'a\u0000b': 1 } }, 'customFields.a\\u0000b'],
  ])('names the field holding a NUL in %s', (_label, value, field) => {
    expect(findUnsafeValue(value)).toEqual({
      field,
      message: expect.objectContaining({ en: expect.stringMatching(/NUL/) }),
    });
  });

  it('uses the given root for a bare value (query, path)', () => {
    expect(findUnsafeValue({ q: '%\u0000' }, 'query')).toEqual({
      field: 'q',
      message: expect.objectContaining({ en: expect.stringMatching(/NUL/) }),
    });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, naming where`, () => {
    expect(findUnsafeValue(JSON.parse(nested(MAX_JSON_DEPTH)))).toBeUndefined();
    expect(findUnsafeValue({ a: JSON.parse(nested(MAX_JSON_DEPTH)) })).toEqual({
      field: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`,
      message: expect.objectContaining({ en: `is nested deeper than ${MAX_JSON_DEPTH} levels` }),
    });
  });

  it('walks 100,000 levels without recursing', () => {
    expect(findUnsafeValue(JSON.parse(nested(100_000)))?.message.en).toMatch(/nested deeper/);
  });

  it.each([
    ['__proto__', '{"a":{"__proto__":{"x":1}}}', 'a.__proto__'],
    ['constructor.prototype', '{"constructor":{"prototype":{"x":1}}}', 'constructor'],
    ['a plain constructor member', '{"name":"x","constructor":1}', 'constructor'],
    ['prototype', '{"transcript":[{"prototype":true}]}', 'transcript[0].prototype'],
  ])('refuses the reserved name in %s', (_label, text, field) => {
    expect(findUnsafeValue(JSON.parse(text))).toEqual({
      field,
      message: expect.objectContaining({ en: 'is a reserved name' }),
    });
  });

  it.each([
    ['a value', { transcript: [{ text: 'ok\ud800x' }] }, 'transcript[0].text'],
    ['a key', { customFields: { '\udc00': 1 } }, 'customFields.\\udc00'],
  ])('refuses a lone surrogate in %s, which jsonb cannot store', (_label, value, field) => {
    expect(findUnsafeValue(value)).toEqual({
      field,
      message: expect.objectContaining({ en: expect.stringMatching(/well-formed/) }),
    });
  });

  it(`accepts ${MAX_OBJECT_MEMBERS} members in an object and refuses one more`, () => {
    const wide = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(findUnsafeValue({ customFields: wide(MAX_OBJECT_MEMBERS) })).toBeUndefined();
    expect(findUnsafeValue({ customFields: wide(MAX_OBJECT_MEMBERS + 1) })).toEqual({
      field: 'customFields',
      message: expect.objectContaining({ en: `has more than ${MAX_OBJECT_MEMBERS} members` }),
    });
  });

  it('accepts well-formed values of every kind without reserved names', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }).filter((value) => {
          const text = JSON.stringify(value);
          return !/\\u0000|\\ud[89a-f]|__proto__|constructor|prototype/i.test(text);
        }),
        (value) => expect(findUnsafeValue({ value })).toBeUndefined(),
      ),
    );
  });
});

describe('parseJsonBody', () => {
  it('parses JSON, and takes an empty body as no body', () => {
    expect(parseJsonBody('{"name":"张三","n":[1,2]}')).toEqual({ name: '张三', n: [1, 2] });
    expect(parseJsonBody('')).toBeUndefined();
  });

  it.each(['{', '{"a":1,}', "{'a':1}", 'undefined'])('answers 400 for invalid JSON: %s', (text) => {
    const error = rejection(text);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'body', message: 'is not valid JSON' },
    ]);
  });

  it('answers 400 naming the field for a NUL written as an escape', () => {
    expect(inEnglish(rejection('{"name":"a\\u0000b"}').options.errors)).toEqual([
      { field: 'name', message: 'must not contain a NUL character' },
    ]);
  });

  it('answers 400 for JSON nested 5,000 deep', () => {
    expect(rejection(`{"name":${nested(5000)}}`).options.errors![0].message.en).toMatch(/nested/);
  });

  it('takes 1e400 as Infinity and -0 as a number, leaving their rejection to validation', () => {
    expect(parseJsonBody('{"a":1e400,"b":-0}')).toEqual({ a: Infinity, b: -0 });
  });
});
