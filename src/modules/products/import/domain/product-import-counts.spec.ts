import fc from 'fast-check';
import { countProductImport } from './product-import-counts';

describe('countProductImport', () => {
  it('makes created + updated + invalid = totalRows for any consistent facts (property)', () => {
    const facts = fc
      .tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000))
      .map(([valid, invalid, created]) => ({
        totalRows: valid + invalid,
        invalidRows: invalid,
        created: Math.min(created, valid),
      }));
    fc.assert(
      fc.property(facts, (f) => {
        const counts = countProductImport(f);
        expect(counts.created + counts.updated + counts.invalid).toBe(counts.totalRows);
        expect(counts.updated).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('refuses facts no merge can produce: more created than valid rows', () => {
    expect(() => countProductImport({ totalRows: 2, invalidRows: 1, created: 2 })).toThrow(
      /Inconsistent/,
    );
  });
});
