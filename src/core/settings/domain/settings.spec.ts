import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  applySettingsPatch,
  changedKeys,
  DEFAULT_SETTINGS,
  OBJECTION_CATEGORIES,
  OrganisationSettings,
  SettingsPatch,
  withDefaults,
} from './settings';

/** A deep copy, so tests can prove the inputs were not mutated. */
const clone = <T>(value: T): T => structuredClone(value);

const CUSTOM: OrganisationSettings = {
  ...clone(DEFAULT_SETTINGS),
  timezone: 'Asia/Urumqi',
  minMarginPct: 15,
  silentHours: { b2b: 48, b2c: 120 },
};

describe('DEFAULT_SETTINGS', () => {
  it('matches API.md section 2', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      companyName: '本公司',
      timezone: 'Asia/Shanghai',
      minMarginPct: 12.5,
      silentHours: { b2b: 72, b2c: 168 },
      complianceGraceHours: 24,
      firstResponseTargetMinutes: 15,
      ticketFirstResponseHours: 4,
      funnelAnomalyWindowWeeks: 8,
      funnelAnomalySigmaMultiplier: 2,
      objectionKeywords: {
        price: ['价格', '贵', '折扣', '便宜', '预算'],
        delivery: ['交期', '交货', '发货', '物流', '到货'],
        payment: ['账期', '月结', '付款', '预付', '回款'],
        quality: ['质量', '故障', '不良', '退货'],
        competitor: ['竞品', '对手', '别家'],
        service: ['售后', '服务', '响应'],
      },
    });
  });

  it('has a keyword list for every objection category', () => {
    expect(Object.keys(DEFAULT_SETTINGS.objectionKeywords).sort()).toEqual(
      [...OBJECTION_CATEGORIES].sort(),
    );
  });
});

describe('applySettingsPatch', () => {
  it('returns equal settings for an empty patch', () => {
    expect(applySettingsPatch(CUSTOM, {})).toEqual(CUSTOM);
  });

  it.each<[keyof OrganisationSettings, SettingsPatch]>([
    ['companyName', { companyName: '杭州精工机械有限公司' }],
    ['timezone', { timezone: 'Asia/Hong_Kong' }],
    ['minMarginPct', { minMarginPct: 8.25 }],
    ['minMarginPct', { minMarginPct: 0 }],
    ['complianceGraceHours', { complianceGraceHours: 0 }],
    ['firstResponseTargetMinutes', { firstResponseTargetMinutes: 30 }],
    ['ticketFirstResponseHours', { ticketFirstResponseHours: 1 }],
    ['funnelAnomalyWindowWeeks', { funnelAnomalyWindowWeeks: 12 }],
    ['funnelAnomalySigmaMultiplier', { funnelAnomalySigmaMultiplier: 1.5 }],
  ])('replaces the scalar %s and leaves the rest', (key, patch) => {
    const result = applySettingsPatch(CUSTOM, patch);
    expect(result[key]).toBe(patch[key]);
    expect({ ...result, [key]: CUSTOM[key] }).toEqual(CUSTOM);
  });

  it('merges silentHours per segment', () => {
    expect(applySettingsPatch(CUSTOM, { silentHours: { b2c: 96 } }).silentHours).toEqual({
      b2b: 48,
      b2c: 96,
    });
    expect(applySettingsPatch(CUSTOM, { silentHours: { b2b: 24 } }).silentHours).toEqual({
      b2b: 24,
      b2c: 120,
    });
    expect(applySettingsPatch(CUSTOM, { silentHours: {} }).silentHours).toEqual(CUSTOM.silentHours);
  });

  it('merges objectionKeywords per category, replacing that category’s list whole', () => {
    const result = applySettingsPatch(CUSTOM, {
      objectionKeywords: { price: ['太贵了', '砍价'] },
    });
    expect(result.objectionKeywords).toEqual({
      ...DEFAULT_SETTINGS.objectionKeywords,
      price: ['太贵了', '砍价'],
    });
  });

  it('lets a category be emptied', () => {
    const result = applySettingsPatch(CUSTOM, { objectionKeywords: { competitor: [] } });
    expect(result.objectionKeywords.competitor).toEqual([]);
    expect(result.objectionKeywords.price).toEqual(DEFAULT_SETTINGS.objectionKeywords.price);
  });

  it('applies scalars and both maps in one patch', () => {
    expect(
      applySettingsPatch(CUSTOM, {
        minMarginPct: 10,
        silentHours: { b2b: 36 },
        objectionKeywords: { delivery: ['交期', '延期'] },
      }),
    ).toEqual({
      ...CUSTOM,
      minMarginPct: 10,
      silentHours: { b2b: 36, b2c: 120 },
      objectionKeywords: { ...CUSTOM.objectionKeywords, delivery: ['交期', '延期'] },
    });
  });

  it('mutates neither the current settings nor the patch', () => {
    const current = clone(CUSTOM);
    const patch: SettingsPatch = { silentHours: { b2b: 1 }, objectionKeywords: { price: ['价'] } };
    const patchCopy = clone(patch);
    const result = applySettingsPatch(current, patch);
    expect(current).toEqual(CUSTOM);
    expect(patch).toEqual(patchCopy);
    expect(result.silentHours).not.toBe(current.silentHours);
    expect(result.objectionKeywords).not.toBe(current.objectionKeywords);
  });

  it('is a later-wins merge: applying two patches equals applying their merge (property)', () => {
    const patchArb: fc.Arbitrary<SettingsPatch> = fc.record(
      {
        timezone: fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'UTC'),
        minMarginPct: fc.integer({ min: 0, max: 9999 }).map((n) => n / 100),
        complianceGraceHours: fc.integer({ min: 0, max: 720 }),
        silentHours: fc.record(
          { b2b: fc.integer({ min: 1, max: 8760 }), b2c: fc.integer({ min: 1, max: 8760 }) },
          { requiredKeys: [] },
        ),
        objectionKeywords: fc.record(
          {
            price: fc.array(fc.constantFrom('价格', '贵', '预算')),
            service: fc.array(fc.constantFrom('售后', '响应')),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(patchArb, patchArb, (first, second) => {
        const merged: SettingsPatch = {
          ...first,
          ...second,
          silentHours: { ...first.silentHours, ...second.silentHours },
          objectionKeywords: { ...first.objectionKeywords, ...second.objectionKeywords },
        };
        expect(applySettingsPatch(applySettingsPatch(CUSTOM, first), second)).toEqual(
          applySettingsPatch(CUSTOM, merged),
        );
        // Reapplying a patch changes nothing more.
        const once = applySettingsPatch(CUSTOM, first);
        expect(applySettingsPatch(once, first)).toEqual(once);
        expect(changedKeys(once, applySettingsPatch(once, first))).toEqual([]);
      }),
    );
  });
});

describe('withDefaults', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(withDefaults({})).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps stored values over defaults', () => {
    expect(withDefaults({ timezone: 'Asia/Urumqi', minMarginPct: 20 })).toEqual({
      ...DEFAULT_SETTINGS,
      timezone: 'Asia/Urumqi',
      minMarginPct: 20,
    });
  });

  it('fills a segment or category missing from what was stored (a setting added later)', () => {
    const stored = {
      silentHours: { b2b: 24 },
      objectionKeywords: { price: ['价格'] },
    } as unknown as Partial<OrganisationSettings>;
    const result = withDefaults(stored);
    expect(result.silentHours).toEqual({ b2b: 24, b2c: 168 });
    expect(result.objectionKeywords).toEqual({
      ...DEFAULT_SETTINGS.objectionKeywords,
      price: ['价格'],
    });
  });

  it('does not let a caller mutate the shared defaults through the result', () => {
    const result = withDefaults({});
    result.silentHours.b2b = 1;
    (result.objectionKeywords as Record<string, string[]>).price = [];
    expect(DEFAULT_SETTINGS.silentHours.b2b).toBe(72);
    expect(DEFAULT_SETTINGS.objectionKeywords.price).toHaveLength(5);
  });
});

describe('changedKeys', () => {
  it('is empty for equal settings, even separate copies', () => {
    expect(changedKeys(DEFAULT_SETTINGS, clone(DEFAULT_SETTINGS))).toEqual([]);
  });

  it('names each top-level key whose value differs', () => {
    const after = applySettingsPatch(DEFAULT_SETTINGS, {
      timezone: 'Asia/Urumqi',
      silentHours: { b2c: 100 },
      objectionKeywords: { quality: ['质量', '瑕疵'] },
    });
    expect(changedKeys(DEFAULT_SETTINGS, after).sort()).toEqual(
      ['objectionKeywords', 'silentHours', 'timezone'].sort(),
    );
  });

  it('does not report a key patched to its current value', () => {
    const after = applySettingsPatch(DEFAULT_SETTINGS, {
      minMarginPct: 12.5,
      silentHours: { b2b: 72 },
      objectionKeywords: { price: [...DEFAULT_SETTINGS.objectionKeywords.price] },
    });
    expect(changedKeys(DEFAULT_SETTINGS, after)).toEqual([]);
  });

  it('sees a reordered keyword list as a change', () => {
    const after = applySettingsPatch(DEFAULT_SETTINGS, {
      objectionKeywords: { price: [...DEFAULT_SETTINGS.objectionKeywords.price].reverse() },
    });
    expect(changedKeys(DEFAULT_SETTINGS, after)).toEqual(['objectionKeywords']);
  });

  it('ignores the key order of the nested maps, as jsonb reorders keys on the way back', () => {
    const before = withDefaults({});
    // jsonb hands keys back shortest first; withDefaults then re-merges them over the defaults.
    const fromDatabase = withDefaults({
      silentHours: { b2c: 168, b2b: 72 },
      objectionKeywords: {
        price: DEFAULT_SETTINGS.objectionKeywords.price,
        payment: DEFAULT_SETTINGS.objectionKeywords.payment,
        quality: DEFAULT_SETTINGS.objectionKeywords.quality,
        service: DEFAULT_SETTINGS.objectionKeywords.service,
        delivery: DEFAULT_SETTINGS.objectionKeywords.delivery,
        competitor: DEFAULT_SETTINGS.objectionKeywords.competitor,
      },
    });
    expect(changedKeys(before, fromDatabase)).toEqual([]);
  });

  it('agrees with a deep comparison of each key (property)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            minMarginPct: fc.constantFrom(12.5, 13),
            silentHours: fc.record({ b2b: fc.constantFrom(72, 24) }, { requiredKeys: [] }),
            objectionKeywords: fc.record(
              { price: fc.constantFrom(['价格'], DEFAULT_SETTINGS.objectionKeywords.price) },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
        (patch: SettingsPatch) => {
          const after = applySettingsPatch(DEFAULT_SETTINGS, patch);
          const expected = (Object.keys(after) as (keyof OrganisationSettings)[]).filter(
            (key) => !isDeepStrictEqual(DEFAULT_SETTINGS[key], after[key]),
          );
          expect(changedKeys(DEFAULT_SETTINGS, after)).toEqual(expected);
        },
      ),
    );
  });
});
