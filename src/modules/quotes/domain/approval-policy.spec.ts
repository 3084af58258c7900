import fc from 'fast-check';
import {
  ApprovalPolicy,
  APPROVER_ROLES,
  checkPolicy,
  DEFAULT_APPROVAL_POLICY,
  resolveApproval,
} from './approval-policy';
import { LineInput, priceLines, totalsOf } from './quote-math';
import { bearing, valve } from './products.testing';

const resolve = (policy: ApprovalPolicy, inputs: LineInput[]) => {
  const lines = priceLines(inputs, 12.5);
  return resolveApproval(policy, lines, totalsOf(lines));
};

/** A ladder: small discounts need the supervisor, deeper ones finance, the deepest the director. */
const LADDER: ApprovalPolicy = {
  rules: [
    { minDiscountPct: 0, chain: ['supervisor'] },
    { minDiscountPct: 5, chain: ['supervisor', 'finance_bp'] },
    { minDiscountPct: 10, chain: ['supervisor', 'finance_bp', 'regional_director'] },
  ],
};

describe('resolveApproval', () => {
  const valveThenBearing = [
    { product: valve, qty: 2.5, unitPrice: '250.00' }, // 3.85 % off
    { product: bearing, qty: 100, unitPrice: '38.64' }, // 8 % off
  ];

  it('sends any discount through the default chain, explaining it in figures', () => {
    expect(resolve(DEFAULT_APPROVAL_POLICY, valveThenBearing)).toEqual({
      required: true,
      rule: DEFAULT_APPROVAL_POLICY.rules[0],
      reason: {
        en: 'largest discount 8.00 % on line 2 (SKU BRG-6205) ≥ 0 % rule: supervisor → finance_bp → regional_director; margin 22.03 %',
        zh: '最大折扣 8.00 %（第 2 行，SKU BRG-6205）≥ 0 % 规则：主管 → 财务BP → 区域总监；毛利率 22.03 %',
      },
    });
  });

  it('picks the matching rule with the highest threshold', () => {
    const need = resolve(LADDER, valveThenBearing);
    expect(need.required && need.rule).toBe(LADDER.rules[1]);
    expect(need.reason.en).toBe(
      'largest discount 8.00 % on line 2 (SKU BRG-6205) ≥ 5 % rule: supervisor → finance_bp; margin 22.03 %',
    );
  });

  it('matches a rule exactly at its threshold: 10 % off is the 10 % rule', () => {
    const need = resolve(LADDER, [{ product: bearing, qty: 1, unitPrice: '37.80' }]);
    expect(need.required && need.rule).toBe(LADDER.rules[2]);
  });

  it('compares the exact discount: 4.99975 % shows as 5.00 % but stays under the 5 % rule', () => {
    const product = { ...bearing, listPrice: '200.01', cost: '100.00' };
    const need = resolve(LADDER, [{ product, qty: 1, unitPrice: '190.01' }]);
    expect(need.required && need.rule).toBe(LADDER.rules[0]);
  });

  it('needs no approval at list price, nor above it', () => {
    const need = resolve(DEFAULT_APPROVAL_POLICY, [
      { product: bearing, qty: 10, unitPrice: '42.00' },
      { product: valve, qty: 1, unitPrice: '270.00' },
    ]);
    // 690.00 with cost 500.00: margin 190 / 690.
    expect(need).toEqual({
      required: false,
      reason: {
        en: 'no line below list price: no approval needed; margin 27.54 %',
        zh: '没有低于目录价的行：无需审批；毛利率 27.54 %',
      },
    });
  });

  it('needs no approval for a discount below the lowest rule, and says so', () => {
    const policy: ApprovalPolicy = { rules: [{ minDiscountPct: 5, chain: ['finance_bp'] }] };
    expect(resolve(policy, [valveThenBearing[0]])).toEqual({
      required: false,
      reason: {
        en: 'largest discount 3.85 % on line 1 (SKU VLV-DN50) is below the lowest rule, 5 %: no approval needed; margin 20.00 %',
        zh: '最大折扣 3.85 %（第 1 行，SKU VLV-DN50）低于最低规则 5 %：无需审批；毛利率 20.00 %',
      },
    });
  });

  it('names the first of two lines with the same largest discount', () => {
    const need = resolve(DEFAULT_APPROVAL_POLICY, [
      { product: bearing, qty: 1, unitPrice: '40.00' },
      { product: bearing, qty: 5, unitPrice: '37.80' },
      { product: bearing, qty: 9, unitPrice: '37.80' },
    ]);
    expect(need.reason.en).toContain('largest discount 10.00 % on line 2 ');
  });

  it('ignores a product with no list price, which has no discount', () => {
    const unlisted = { ...bearing, listPrice: '0.00' };
    const need = resolve(DEFAULT_APPROVAL_POLICY, [
      { product: unlisted, qty: 1, unitPrice: '40.00' },
    ]);
    expect(need.required).toBe(false);
  });

  const threshold = fc.integer({ min: 0, max: 9999 }).map((h) => h / 100);
  const chain = fc.subarray([...APPROVER_ROLES], { minLength: 1 });
  const policy = fc
    .uniqueArray(threshold, { minLength: 1, maxLength: 5 })
    .chain((ts) => fc.tuple(...ts.map((t) => chain.map((c) => ({ minDiscountPct: t, chain: c })))))
    .map((rules) => ({ rules: rules.sort((a, b) => a.minDiscountPct - b.minDiscountPct) }));
  const price = fc.integer({ min: 3000, max: 5000 }).map((c) => (c / 100).toFixed(2));

  it('needs approval exactly when the largest discount reaches a rule, and takes the highest such rule (property)', () => {
    fc.assert(
      fc.property(policy, fc.array(price, { minLength: 1, maxLength: 10 }), (p, prices) => {
        const inputs = prices.map((unitPrice) => ({ product: bearing, qty: 1, unitPrice }));
        const lines = priceLines(inputs, 12.5);
        const need = resolveApproval(p, lines, totalsOf(lines));
        const largest = Math.max(...lines.map((l) => l.discountPct!.toNumber()));
        // Discounts off 42.00 in cents are far from any 2-place threshold, so floats compare safely here.
        const reached = p.rules.filter((r) => largest > 0 && largest >= r.minDiscountPct);
        expect(need.required).toBe(reached.length > 0);
        if (need.required) expect(need.rule).toBe(reached[reached.length - 1]);
      }),
    );
  });
});

describe('checkPolicy', () => {
  const errorsOf = (rules: { minDiscountPct: number; chain: string[] }[]) => {
    const check = checkPolicy({ rules });
    return check.ok ? [] : check.errors.map((e) => [e.field, e.message.en]);
  };

  it('accepts the default policy and a ladder', () => {
    expect(checkPolicy(DEFAULT_APPROVAL_POLICY)).toEqual({
      ok: true,
      policy: DEFAULT_APPROVAL_POLICY,
    });
    expect(checkPolicy(LADDER).ok).toBe(true);
  });

  it('refuses a policy with no rules, which would switch approvals off unseen', () => {
    expect(errorsOf([])).toEqual([['rules', 'must hold at least one rule']]);
  });

  it('refuses thresholds out of range or finer than 2 places', () => {
    for (const bad of [-1, 100, 5.125, Number.NaN]) {
      expect(errorsOf([{ minDiscountPct: bad, chain: ['supervisor'] }])).toEqual([
        ['rules[0].minDiscountPct', 'must be from 0 to 99.99, with at most 2 decimals'],
      ]);
    }
  });

  it('refuses thresholds that repeat or go down', () => {
    expect(
      errorsOf([
        { minDiscountPct: 5, chain: ['supervisor'] },
        { minDiscountPct: 5, chain: ['finance_bp'] },
        { minDiscountPct: 3, chain: ['finance_bp'] },
      ]),
    ).toEqual([
      [
        'rules[1].minDiscountPct',
        "must be greater than the previous rule's 5; list rules by ascending minDiscountPct",
      ],
      [
        'rules[2].minDiscountPct',
        "must be greater than the previous rule's 5; list rules by ascending minDiscountPct",
      ],
    ]);
  });

  it('refuses an empty chain, a role that decides nothing, and a role named twice', () => {
    expect(
      errorsOf([
        { minDiscountPct: 0, chain: [] },
        { minDiscountPct: 5, chain: ['supervisor', 'rep', 'supervisor'] },
      ]),
    ).toEqual([
      ['rules[0].chain', 'must name at least one role'],
      [
        'rules[1].chain[1]',
        'rep cannot decide a step; use supervisor, finance_bp or regional_director',
      ],
      ['rules[1].chain[2]', 'names supervisor more than once'],
    ]);
  });

  it('says what is wrong in Chinese too', () => {
    const check = checkPolicy({ rules: [{ minDiscountPct: 0, chain: ['admin'] }] });
    expect(!check.ok && check.errors[0].message.zh).toBe(
      'admin 不能审批；请使用 supervisor、finance_bp 或 regional_director',
    );
  });
});
