import fc from 'fast-check';
import { countImport } from './import-counts';

/**
 * A file as the merge sees it: each data row is the phone of a valid row, or
 * null for an invalid one. A row creates a customer when it is the first
 * valid row of a phone that no customer had; that is what the merge
 * statement counts (the rows it inserted, xmax = 0).
 */
const phoneOf = (n: number) => `+86138000000${n}`;
const fileRows = fc.array(fc.option(fc.integer({ min: 0, max: 9 }).map(phoneOf)), {
  maxLength: 60,
});
const existingPhones = fc.uniqueArray(fc.integer({ min: 0, max: 9 }).map(phoneOf), {
  maxLength: 10,
});

const validPhones = (rows: (string | null)[]) =>
  rows.filter((phone): phone is string => phone !== null);

function mergeFacts(rows: (string | null)[], existing: readonly string[]) {
  const valid = validPhones(rows);
  return {
    totalRows: rows.length,
    invalidRows: rows.length - valid.length,
    created: new Set(valid.filter((phone) => !existing.includes(phone))).size,
  };
}

describe('countImport', () => {
  it('counts every row exactly once: created + merged + invalid = totalRows (property)', () => {
    fc.assert(
      fc.property(fileRows, existingPhones, (rows, existing) => {
        const counts = countImport(mergeFacts(rows, existing));
        expect(counts.created + counts.merged + counts.invalid).toBe(counts.totalRows);
        expect(counts.totalRows).toBe(rows.length);
        expect(Math.min(counts.created, counts.merged, counts.invalid)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('creates one customer per new phone, none for a phone that exists, and merges the rest (property)', () => {
    fc.assert(
      fc.property(fileRows, existingPhones, (rows, existing) => {
        const counts = countImport(mergeFacts(rows, existing));
        const valid = validPhones(rows);
        expect(counts.created).toBe(new Set(valid.filter((p) => !existing.includes(p))).size);
        expect(counts.merged).toBe(valid.length - counts.created);
        expect(counts.invalid).toBe(rows.length - valid.length);
      }),
    );
  });

  it('creates nothing when the same file is imported again, and merges every valid row (property)', () => {
    fc.assert(
      fc.property(fileRows, existingPhones, (rows, existing) => {
        const first = countImport(mergeFacts(rows, existing));
        const again = countImport(mergeFacts(rows, [...existing, ...validPhones(rows)]));
        expect(again).toEqual({
          totalRows: first.totalRows,
          created: 0,
          merged: first.created + first.merged,
          invalid: first.invalid,
        });
      }),
    );
  });

  it('refuses facts no merge can produce', () => {
    expect(() => countImport({ totalRows: 3, invalidRows: 1, created: 3 })).toThrow(/Inconsistent/);
    expect(() => countImport({ totalRows: 1, invalidRows: 2, created: 0 })).toThrow(/Inconsistent/);
  });
});
