import { inEnglish } from '../errors/field-errors.testing';
import fc from 'fast-check';
import { canonicalJson } from '../audit/domain/hash-chain';
import { CommonErrorCode, InvalidInputException } from '../errors/domain.exception';
import {
  IdempotencyErrorCode,
  IdempotencyKeyReusedException,
  MAX_KEY_LENGTH,
  parseIdempotencyKey,
  requestFingerprint,
} from './idempotency';

function rejection(header: string | string[] | undefined): InvalidInputException {
  try {
    parseIdempotencyKey(header);
  } catch (error) {
    return error as InvalidInputException;
  }
  throw new Error(`expected ${JSON.stringify(header)} to be rejected`);
}

describe('parseIdempotencyKey', () => {
  it('returns undefined when the header is absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['a UUID', '9b2f6c1e-8d4a-4f3b-a7e2-5c1d0e9f8a7b'],
    ['one character', 'k'],
    ['every visible ASCII character', '!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'],
    ['exactly 255 characters', 'k'.repeat(MAX_KEY_LENGTH)],
  ])('accepts %s unchanged', (_label, key) => {
    expect(parseIdempotencyKey(key)).toBe(key);
  });

  it('allows at most 255 characters', () => {
    expect(MAX_KEY_LENGTH).toBe(255);
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
    expect(() => parseIdempotencyKey('x'.repeat(256))).toThrow(InvalidInputException);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['Chinese characters', '报价-华东大区-001'],
    ['a non-ASCII letter', 'clé-1'],
    ['an emoji', 'key-👍'],
    ['a space', 'order 1'],
    ['only spaces', '   '],
    ['a tab', 'order\t1'],
    ['a newline (header injection)', 'order-1\r\nX-Admin: yes'],
    ['a NUL byte', 'order\u00001'],
    ['DEL', 'order\u007f'],
  ])('rejects %s with a 400 naming the header', (_label, key) => {
    const error = rejection(key);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
    ]);
  });

  describe('a repeated header (array)', () => {
    it('uses the first value', () => {
      expect(parseIdempotencyKey(['first-key', 'second-key'])).toBe('first-key');
    });

    it('validates the first value', () => {
      expect(rejection(['', 'valid-key'])).toBeInstanceOf(InvalidInputException);
      expect(rejection(['k'.repeat(256)])).toBeInstanceOf(InvalidInputException);
    });

    it('rejects an empty array rather than treating it as absent', () => {
      expect(rejection([])).toBeInstanceOf(InvalidInputException);
    });
  });

  it('accepts exactly the strings of 1-255 visible ASCII characters (property)', () => {
    const visible = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit: visible, minLength: 1, maxLength: 255 }), (key) => {
        expect(parseIdempotencyKey(key)).toBe(key);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: visible, maxLength: 100 }),
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 3 })
          .filter((s) => /[^\x21-\x7e]/.test(s)),
        fc.string({ unit: visible, maxLength: 100 }),
        (before, bad, after) => {
          expect(() => parseIdempotencyKey(before + bad + after)).toThrow(InvalidInputException);
        },
      ),
    );
  });
});

describe('requestFingerprint', () => {
  const body = {
    customerId: 'c-1',
    lines: [
      { sku: 'A-01', qty: 2, unitPrice: '99.00' },
      { sku: 'B-02', qty: 1, unitPrice: '1200.50' },
    ],
    备注: '华东大区春季促销',
  };
  const base = requestFingerprint('POST', '/api/v1/quotes', body);

  it('is a sha256 hex digest', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same request, with body keys in any order at any depth', () => {
    const reordered = {
      备注: '华东大区春季促销',
      lines: [
        { unitPrice: '99.00', qty: 2, sku: 'A-01' },
        { qty: 1, unitPrice: '1200.50', sku: 'B-02' },
      ],
      customerId: 'c-1',
    };
    expect(requestFingerprint('POST', '/api/v1/quotes', reordered)).toBe(base);
  });

  it('treats the method case-insensitively', () => {
    expect(requestFingerprint('post', '/api/v1/quotes', body)).toBe(base);
  });

  it('treats an absent body like a JSON null', () => {
    expect(requestFingerprint('POST', '/x', undefined)).toBe(
      requestFingerprint('POST', '/x', null),
    );
  });

  it.each([
    ['the method', () => requestFingerprint('PUT', '/api/v1/quotes', body)],
    ['the path', () => requestFingerprint('POST', '/api/v1/quotez', body)],
    ['a query string', () => requestFingerprint('POST', '/api/v1/quotes?dryRun=1', body)],
    [
      'a body value',
      () => requestFingerprint('POST', '/api/v1/quotes', { ...body, customerId: 'c-2' }),
    ],
    [
      'a nested body value',
      () =>
        requestFingerprint('POST', '/api/v1/quotes', {
          ...body,
          lines: [body.lines[0], { ...body.lines[1], unitPrice: '1200.51' }],
        }),
    ],
    [
      'the order of an array',
      () =>
        requestFingerprint('POST', '/api/v1/quotes', { ...body, lines: [...body.lines].reverse() }),
    ],
    [
      'an added body field',
      () => requestFingerprint('POST', '/api/v1/quotes', { ...body, extra: null }),
    ],
    [
      'a number sent as a string',
      () =>
        requestFingerprint('POST', '/api/v1/quotes', {
          ...body,
          lines: [{ ...body.lines[0], qty: '2' }, body.lines[1]],
        }),
    ],
    ['an empty body vs none', () => requestFingerprint('POST', '/api/v1/quotes', {})],
  ])('changes with %s', (_label, fingerprint) => {
    expect(fingerprint()).not.toBe(base);
  });

  it('changes with the query value and the query parameter order', () => {
    const one = requestFingerprint('POST', '/api/v1/quotes?dryRun=1&city=上海', body);
    expect(requestFingerprint('POST', '/api/v1/quotes?dryRun=2&city=上海', body)).not.toBe(one);
    expect(requestFingerprint('POST', '/api/v1/quotes?city=上海&dryRun=1', body)).not.toBe(one);
  });

  it('cannot be confused by moving text between the path and the body', () => {
    expect(requestFingerprint('POST', '/a', 'b')).not.toBe(
      requestFingerprint('POST', '/a "b', null),
    );
    expect(requestFingerprint('POST', '/a\nnull', null)).not.toBe(
      requestFingerprint('POST', '/a', null),
    );
  });

  it('is equal exactly when the bodies are equal up to key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = requestFingerprint('POST', '/x', a) === requestFingerprint('POST', '/x', b);
        expect(same).toBe(canonicalJson(a) === canonicalJson(b));
        expect(requestFingerprint('POST', '/x', JSON.parse(JSON.stringify(a)))).toBe(
          requestFingerprint('POST', '/x', a),
        );
      }),
    );
  });
});

describe('IdempotencyKeyReusedException', () => {
  it('is a 409 conflict with the IDEMPOTENCY_KEY_REUSED code', () => {
    const error = new IdempotencyKeyReusedException();
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
