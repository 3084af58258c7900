import { inEnglish } from '../errors/field-errors.testing';
import 'reflect-metadata';
import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import {
  CursorKey,
  CursorPart,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageQueryDto,
  toPage,
} from './pagination';

const TIME_AND_ID: CursorPart[] = ['timestamp', 'uuid'];

function decodeError(cursor: string, parts: CursorPart[] = TIME_AND_ID): DomainException {
  try {
    decodeCursor(cursor, parts);
  } catch (error) {
    return error as DomainException;
  }
  throw new Error(`expected cursor ${JSON.stringify(cursor)} to be rejected`);
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it.each<[string, CursorKey, CursorPart[]]>([
    [
      'a timestamp and a uuid',
      ['2026-01-05T09:30:00.000Z', '6f1c2a9e-0b7d-4d51-9a3e-2f6c1d8b7a10'],
      TIME_AND_ID,
    ],
    ['a bigint seq as text', ['9007199254740993'], ['integer']],
    ['an integer', [-3], ['integer']],
    ['Chinese text', ['华东大区', '上海徐汇店'], ['text', 'text']],
    ['an empty string', [''], ['text']],
  ])('round-trips %s', (_label, key, parts) => {
    expect(decodeCursor(encodeCursor(key), parts)).toEqual(key);
  });

  it('is opaque and URL-safe (base64url, no padding)', () => {
    const cursor = encodeCursor(['华东大区?&=/+', 'x'.repeat(100)]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('华东');
  });

  it('round-trips any key of NUL-free strings (property)', () => {
    const part = fc.string({ maxLength: 200 }).filter((text) => !text.includes('\u0000'));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (key) => {
        const parts = key.map((): CursorPart => 'text');
        const decoded = decodeCursor(encodeCursor(key), parts);
        expect(decoded).toEqual(key);
        expect(encodeCursor(decoded)).toMatch(/^[A-Za-z0-9_-]*$/);
      }),
    );
  });

  describe('rejects cursors it did not issue with 400 INVALID_CURSOR', () => {
    it.each([
      ['an empty string', ''],
      ['random text', 'not-a-cursor'],
      ['non-base64 characters', '!!!@@@###'],
      ['Chinese text', '下一页'],
      ['base64 of non-JSON', b64('hello')],
      ['base64 of a JSON object', b64('{"createdAt":"2026-01-05","id":"x"}')],
      ['base64 of a JSON string', b64('"2026-01-05"')],
      ['base64 of a JSON number', b64('42')],
      ['base64 of null', b64('null')],
      ['a nested array', b64('[["2026-01-05"],"id"]')],
      ['a null part', b64('[null,"id"]')],
      ['a boolean part', b64('[true,"id"]')],
      ['an object part', b64('[{"a":1},"id"]')],
      ['truncated JSON', encodeCursor(['2026-01-05', 'id']).slice(0, -3)],
    ])('%s', (_label, cursor) => {
      const error = decodeError(cursor);
      expect(error).toBeInstanceOf(DomainException);
      expect(error.kind).toBe('invalid');
      expect(error.code).toBe(CommonErrorCode.INVALID_CURSOR);
      expect(inEnglish(error.options.errors)).toEqual([
        { field: 'cursor', message: 'invalid cursor' },
      ]);
    });

    it.each([
      [1, 2],
      [3, 2],
      [0, 1],
    ])('a key of length %i where %i parts are expected', (length, arity) => {
      const cursor = encodeCursor(Array.from({ length }, (_, i) => `part${i}`));
      expect(decodeError(cursor, Array<CursorPart>(arity).fill('text')).code).toBe(
        'INVALID_CURSOR',
      );
    });

    it('a cursor from another list (different arity) with the right shape otherwise', () => {
      const auditCursor = encodeCursor(['1042']);
      expect(decodeCursor(auditCursor, ['integer'])).toEqual(['1042']);
      expect(decodeError(auditCursor).code).toBe('INVALID_CURSOR');
    });

    it.each<[string, CursorKey, CursorPart[]]>([
      ['a timestamp that is not one', ['abc', '6f1c2a9e-0b7d-4d51-9a3e-2f6c1d8b7a10'], TIME_AND_ID],
      ['a date without time', ['2026-01-05', '6f1c2a9e-0b7d-4d51-9a3e-2f6c1d8b7a10'], TIME_AND_ID],
      [
        'an impossible date',
        ['2026-13-45T99:00:00.000Z', '6f1c2a9e-0b7d-4d51-9a3e-2f6c1d8b7a10'],
        TIME_AND_ID,
      ],
      ['an id that is not a uuid', ['2026-01-05T09:30:00.000Z', 'def'], TIME_AND_ID],
      ['a seq that is not an integer', ['12a'], ['integer']],
      ['a seq too long for bigint', ['1'.repeat(30)], ['integer']],
      ['a fraction as seq', [1.5], ['integer']],
      ['text with a NUL', ['a\u0000b'], ['text']],
      ['a number where text is expected', [42], ['text']],
    ])('a part of the wrong kind: %s', (_label, key, parts) => {
      expect(decodeError(encodeCursor(key), parts).code).toBe('INVALID_CURSOR');
    });

    it('never lets a malformed cursor escape as a SyntaxError (property)', () => {
      fc.assert(
        fc.property(fc.string(), fc.integer({ min: 1, max: 3 }), (cursor, arity) => {
          try {
            const key = decodeCursor(cursor, Array<CursorPart>(arity).fill('text'));
            expect(key).toHaveLength(arity);
            for (const part of key) expect(['string', 'number']).toContain(typeof part);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainException);
            expect((error as DomainException).code).toBe('INVALID_CURSOR');
          }
        }),
      );
    });
  });
});

describe('toPage', () => {
  interface Row {
    id: string;
    createdAt: string;
    name: string;
  }
  const rows: Row[] = Array.from({ length: 6 }, (_, i) => ({
    id: `id-${i}`,
    createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    name: `客户${i}`,
  }));
  const keyOf = (row: Row): CursorKey => [row.createdAt, row.id];
  const map = (row: Row) => ({ id: row.id, name: row.name });

  it('returns every row and no cursor when fewer than limit rows came back', () => {
    expect(toPage(rows.slice(0, 3), 5, keyOf, map)).toEqual({
      items: rows.slice(0, 3).map(map),
      nextCursor: null,
    });
  });

  it('returns every row and no cursor when exactly limit rows came back', () => {
    expect(toPage(rows.slice(0, 5), 5, keyOf, map)).toEqual({
      items: rows.slice(0, 5).map(map),
      nextCursor: null,
    });
  });

  it('drops the extra row of limit + 1 and points the cursor at the last returned row', () => {
    const page = toPage(rows, 5, keyOf, map);
    expect(page.items).toEqual(rows.slice(0, 5).map(map));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor as string, ['timestamp', 'text'])).toEqual([
      rows[4].createdAt,
      rows[4].id,
    ]);
  });

  it('handles an empty result', () => {
    expect(toPage([], 50, keyOf, map)).toEqual({ items: [], nextCursor: null });
  });

  it('maps only the returned rows, never the probe row', () => {
    const mapped: string[] = [];
    const keyed: string[] = [];
    toPage(
      rows,
      2,
      (row) => {
        keyed.push(row.id);
        return keyOf(row);
      },
      (row) => {
        mapped.push(row.id);
        return row;
      },
    );
    expect(mapped).toEqual(['id-0', 'id-1']);
    expect(keyed).toEqual(['id-1']);
  });

  it('walks a whole list without loss or repetition (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 7 }), (n, limit) => {
        const all = Array.from({ length: n }, (_, i) => i);
        const seen: number[] = [];
        let after = -1;
        for (let guard = 0; guard <= n + 1; guard++) {
          const fetched = all.filter((v) => v > after).slice(0, limit + 1);
          const page = toPage(
            fetched,
            limit,
            (v) => [v],
            (v) => v,
          );
          seen.push(...page.items);
          if (!page.nextCursor) break;
          after = decodeCursor(page.nextCursor, ['integer'])[0] as number;
        }
        expect(seen).toEqual(all);
      }),
    );
  });
});

describe('PageQueryDto', () => {
  const validate = (query: Record<string, unknown>) => {
    const dto = plainToInstance(PageQueryDto, query);
    return { dto, errors: validateSync(dto).map((error) => error.property) };
  };

  it('defaults the limit to 50 and converts a query-string number', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(validate({}).dto.limit).toBe(50);
    expect(validate({ limit: '20' })).toMatchObject({ dto: { limit: 20 }, errors: [] });
  });

  it.each([['0'], ['501'], ['2.5'], ['abc']])('rejects limit=%s', (limit) => {
    expect(validate({ limit }).errors).toEqual(['limit']);
  });

  it('accepts limit=500 and rejects a cursor over 2048 characters', () => {
    expect(MAX_PAGE_SIZE).toBe(500);
    expect(validate({ limit: '500' }).errors).toEqual([]);
    expect(validate({ cursor: 'c'.repeat(2048) }).errors).toEqual([]);
    expect(validate({ cursor: 'c'.repeat(2049) }).errors).toEqual(['cursor']);
  });

  it('has room for the cursor of a 200-character text key of the worst characters', () => {
    const title = '\u0001'.repeat(200);
    const cursor = encodeCursor(['-title', title, '0b0f9bd0-4f2b-4a51-9d63-3c2a8d0e2f10']);
    expect(validate({ cursor }).errors).toEqual([]);
  });
});
