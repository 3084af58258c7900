import fc from 'fast-check';
import { PRODUCT_COLUMNS } from './product-columns';
import { stagingRecord, validateProductRow } from './product-row';

const SETTING = 12.5;
const row = (cells: Record<string, string>) => validateProductRow(cells, SETTING);
const base = { sku: 'BRG-6205', name: '轴承', unit: '个', listPrice: '42', cost: '30' };

describe('validateProductRow', () => {
  it('takes a row as POST /products takes a body, with its defaults', () => {
    expect(row(base)).toEqual({
      ok: true,
      values: {
        sku: 'BRG-6205',
        name: '轴承',
        unit: '个',
        listPrice: '42',
        cost: '30',
        taxRatePct: '13',
        category: null,
        minMarginPct: null,
      },
    });
  });

  it('reads money and percentages as people type them', () => {
    const result = row({
      ...base,
      sku: 'ＢＲＧ-1',
      listPrice: '¥1,280.50',
      cost: '９００元',
      taxRatePct: '13%',
      minMarginPct: ' 12.5 ',
      category: '轴承',
    });
    expect(result).toMatchObject({
      ok: true,
      values: {
        sku: 'BRG-1',
        listPrice: '1280.50',
        cost: '900',
        taxRatePct: '13',
        minMarginPct: '12.5',
      },
    });
  });

  it.each([
    ['sku', { sku: 'a b' }, /letters, digits/],
    ['sku', { sku: 'x'.repeat(65) }, /longer than 64/],
    ['name', { name: '' }, /required/],
    ['unit', { unit: 'x'.repeat(21) }, /longer than 20/],
    ['listPrice', { listPrice: '0' }, /above 0/],
    ['listPrice', { listPrice: '1.234' }, /above 0/],
    ['cost', { cost: '-1' }, /at least 0/],
    ['cost', { cost: '' }, /required/],
    ['taxRatePct', { taxRatePct: '100.01' }, /0 to 100/],
    ['minMarginPct', { minMarginPct: '100' }, /0 to 99.99/],
    ['minMarginPct', { minMarginPct: '1.005' }, /0 to 99.99/],
    ['category', { category: 'a,b' }, /comma/],
  ])('rejects a bad %s: %j', (field, cells, reason) => {
    const result = row({ ...base, ...cells });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([{ field, reason: expect.anything() }]);
      expect(result.errors[0].reason.en).toMatch(reason);
      expect(result.errors[0].reason.zh).toBeTruthy();
    }
  });

  it('reports every problem of a row, not only the first', () => {
    const result = row({ sku: '', name: '', unit: '', listPrice: 'x', cost: 'y' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual([
        'sku',
        'name',
        'unit',
        'listPrice',
        'cost',
      ]);
    }
  });

  it('rejects a list price below the floor, at the row’s margin or else the setting', () => {
    const own = row({ ...base, listPrice: '37.49', minMarginPct: '20' });
    expect(own).toEqual({
      ok: false,
      errors: [
        {
          field: 'listPrice',
          reason: expect.objectContaining({
            en: expect.stringMatching(/^LIST_PRICE_BELOW_FLOOR: .* 37\.50 \(a 20 %/),
          }),
        },
      ],
    });
    expect(row({ ...base, listPrice: '37.50', minMarginPct: '20' }).ok).toBe(true);
    expect(row({ ...base, listPrice: '34.28' }).ok).toBe(false);
    expect(row({ ...base, listPrice: '34.29' }).ok).toBe(true);
  });

  it('accepts a row exactly when its list price keeps the floor (property)', () => {
    const cents = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 9999 }), (list, cost, margin) => {
        const listPrice = (list / 100).toFixed(2);
        const costText = (cost / 100).toFixed(2);
        const marginPct = (margin / 100).toFixed(2);
        const result = row({ ...base, listPrice, cost: costText, minMarginPct: marginPct });
        // list ≥ cost / (1 − m) ⇔ list × (100 − m) ≥ cost × 100, in integers of cents and hundredths.
        const keeps = BigInt(list) * BigInt(10_000 - margin) >= BigInt(cost) * 10_000n;
        expect(result.ok).toBe(keeps);
      }),
    );
  });
});

describe('stagingRecord', () => {
  const layout = PRODUCT_COLUMNS.recognizeColumns(
    ['编码', '名称', '单位', '目录价', '成本'],
    new Map(),
  );
  if (!layout.ok) throw new Error('the Chinese headers are recognised');
  const options = { settingMarginPct: SETTING, language: 'zh' as const };

  it('stages a valid row with its values and no cells', () => {
    expect(
      stagingRecord({ number: 2, cells: ['A-1', '轴承', '个', '42', '30'] }, layout.value, options),
    ).toBe('2\tA-1\t轴承\t个\t42\t30\t13\t\\N\t\\N\t\\N\t\\N\n');
  });

  it('stages an invalid row with its reasons in the import’s language and its cells', () => {
    const record = stagingRecord(
      { number: 3, cells: ['', '轴承', '个', '42', '30'] },
      layout.value,
      options,
    );
    expect(record).toBe(
      `3\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${JSON.stringify([{ field: 'sku', reason: '为必填项' }])}\t${JSON.stringify(['', '轴承', '个', '42', '30'])}\n`,
    );
  });
});
