import Decimal from 'decimal.js';
import fc from 'fast-check';
import { Exact, presentMoney } from '../../quotes/domain/quote-math';
import { explainPolicy } from './policy-formula';
import { policyProblems } from './policy-problems';
import { flat, flatCapped, progressive, progressiveCapped } from './rebate-policies.testing';
import {
  calculateRebate,
  compilePolicy,
  rebateFigures,
  rebateOf,
  RebatePolicy,
  slicesOf,
  uncappedRebateOf,
} from './tier-math';

const oneTier = (ratePct: string) =>
  compilePolicy({ method: 'progressive', tiers: [{ threshold: '0.00', ratePct }] });

const exactRebate = (policy: ReturnType<typeof compilePolicy>, amount: string) =>
  rebateOf(policy, new Exact(amount));

describe('the rebate of an amount, by hand', () => {
  it.each([
    // [name, amount, exact rebate, presented, policy]
    ['progressive', '0.00', '0', '0.00', progressive], // 0 × 1.5 %
    ['progressive', '0.01', '0.00015', '0.00', progressive], // 0.01 × 1.5 %
    ['progressive', '123.45', '1.85175', '1.85', progressive], // 123.45 × 1.5 %
    ['progressive', '1999999.99', '29999.99985', '30000.00', progressive], // 1,999,999.99 × 1.5 %
    ['progressive', '2000000.00', '30000', '30000.00', progressive], // 2,000,000 × 1.5 %
    ['progressive', '2000000.01', '30000.0002', '30000.00', progressive], // 30,000 + 0.01 × 2 %
    ['progressive', '3000000.00', '50000', '50000.00', progressive], // 30,000 + 1,000,000 × 2 %
    ['progressive', '4999999.99', '89999.9998', '90000.00', progressive], // 30,000 + 2,999,999.99 × 2 %
    ['progressive', '5000000.00', '90000', '90000.00', progressive], // 30,000 + 3,000,000 × 2 %
    ['progressive', '5000000.01', '90000.0003', '90000.00', progressive], // 90,000 + 0.01 × 3 %
    ['progressive', '6000000.00', '120000', '120000.00', progressive], // 90,000 + 1,000,000 × 3 %
    ['flat_tier', '0.00', '0', '0.00', flat], // 0 × 1.5 %
    ['flat_tier', '1999999.99', '29999.99985', '30000.00', flat], // 1,999,999.99 × 1.5 %
    ['flat_tier', '2000000.00', '40000', '40000.00', flat], // 2,000,000 × 2 %
    ['flat_tier', '2000000.01', '40000.0002', '40000.00', flat], // 2,000,000.01 × 2 %
    ['flat_tier', '4999999.99', '99999.9998', '100000.00', flat], // 4,999,999.99 × 2 %
    ['flat_tier', '5000000.00', '150000', '150000.00', flat], // 5,000,000 × 3 %
    ['flat_tier', '5000000.01', '150000.0003', '150000.00', flat], // 5,000,000.01 × 3 %
    ['first threshold 100,000', '99999.99', '0', '0.00', progressiveCapped], // below the first tier
    ['first threshold 100,000', '100000.00', '0', '0.00', progressiveCapped], // 0 × 1 %
    ['first threshold 100,000', '100000.01', '0.0001', '0.00', progressiveCapped], // 0.01 × 1 %
    ['first threshold 100,000', '500000.00', '4000', '4000.00', progressiveCapped], // 400,000 × 1 %
    ['first threshold 100,000', '700000.00', '9000', '9000.00', progressiveCapped], // 4,000 + 200,000 × 2.5 %
    ['cap 10,000', '740000.00', '10000', '10000.00', progressiveCapped], // 4,000 + 240,000 × 2.5 % = the cap
    ['cap 10,000', '800000.00', '10000', '10000.00', progressiveCapped], // 4,000 + 300,000 × 2.5 % = 11,500 > cap
    ['flat cap 15,000', '999999.99', '9999.9999', '10000.00', flatCapped], // 999,999.99 × 1 %
    ['flat cap 15,000', '1000000.00', '15000', '15000.00', flatCapped], // 1,000,000 × 2 % = 20,000 > cap
    ['a rate with 3 decimals', '1234.56', '1.5432', '1.54', oneTier('0.125')], // 1,234.56 × 0.125 %
    ['a half cent, rounded up', '0.50', '0.005', '0.01', oneTier('1')], // 0.50 × 1 %; banker's gives 0.00
  ])('%s: %s earns %s, presented %s', (_name, amount, exact, presented, policy) => {
    const rebate = exactRebate(policy, amount);
    expect(rebate.toFixed()).toBe(exact);
    expect(presentMoney(rebate)).toBe(presented);
  });

  it('reads a rate given as a number like the same rate as a string', () => {
    const asNumber = compilePolicy({
      method: 'progressive',
      tiers: [{ threshold: '0', ratePct: 1.5 }],
    });
    expect(exactRebate(asNumber, '123.45').toFixed()).toBe('1.85175');
  });
});

/**
 * The policy, "年度采购额超 500 万返 3%，其中 200 万部分返 1.5%" (annual
 * purchases over 5M return 3 %, of which the 2M part returns 1.5 %), admits
 * more than one reading, and the figures differ by up to a factor of 2.4:
 *
 * A. flat_tier over the ladder 2,000,000 → 1.5 %, 5,000,000 → 3 %: a customer
 *    who reaches 2M earns 1.5 % on everything, one who reaches 5M earns 3 % on
 *    everything. "其中 200 万" is read as the lower rung of the same ladder.
 * B. progressive over the same ladder: "超 200 万部分返 1.5%，超 500 万部分返
 *    3%", each rate on the part above its threshold only, the usual wording
 *    of 超额累进. Below 2M nothing.
 * C. the literal "of which": the first 2,000,000 earns 1.5 % and the rest
 *    3 %, progressive 0 → 1.5 %, 2,000,000 → 3 %. The sentence grants this
 *    only above 5M; neither method can make a slice's rate depend on reaching
 *    a higher threshold, so below 5M this policy pays what the sentence
 *    leaves unsaid.
 *
 * "超" would exclude 5,000,000 itself; the contract's "reaches" includes it,
 * and a policy wanting "strictly over" sets the threshold at 5,000,000.01.
 */
describe('the example of the issue, read three ways', () => {
  const ladder = [
    { threshold: '2000000.00', ratePct: '1.5' },
    { threshold: '5000000.00', ratePct: '3' },
  ];
  const readingA = compilePolicy({ method: 'flat_tier', tiers: ladder });
  const readingB = compilePolicy({ method: 'progressive', tiers: ladder });
  const readingC = compilePolicy({
    method: 'progressive',
    tiers: [
      { threshold: '0.00', ratePct: '1.5' },
      { threshold: '2000000.00', ratePct: '3' },
    ],
  });

  it.each([
    // [amount, A, B, C]
    // A: below 2M nothing. B: below 2M nothing. C: 1,500,000 × 1.5 %.
    ['1500000.00', '0.00', '0.00', '22500.00'],
    // A: 2,000,000 × 1.5 %. B: 0 × 1.5 % (the 2M tier reached, nothing above it). C: 2,000,000 × 1.5 %.
    ['2000000.00', '30000.00', '0.00', '30000.00'],
    // A: 5,000,000 × 3 %. B: 3,000,000 × 1.5 %. C: 30,000 + 3,000,000 × 3 %.
    ['5000000.00', '150000.00', '45000.00', '120000.00'],
    // A: 6,000,000 × 3 %. B: 45,000 + 1,000,000 × 3 %. C: 30,000 + 4,000,000 × 3 %.
    ['6000000.00', '180000.00', '75000.00', '150000.00'],
  ])('at %s: A %s, B %s, C %s', (amount, a, b, c) => {
    expect(presentMoney(exactRebate(readingA, amount))).toBe(a);
    expect(presentMoney(exactRebate(readingB, amount))).toBe(b);
    expect(presentMoney(exactRebate(readingC, amount))).toBe(c);
  });

  it('explains each reading in words', () => {
    expect(explainPolicy(readingA)).toBe(
      '2,000,000–5,000,000：全额 × 1.5 %；5,000,000 以上：全额 × 3 %',
    );
    expect(explainPolicy(readingB)).toBe('2,000,000–5,000,000 × 1.5 % + 5,000,000 以上 × 3 %');
    expect(explainPolicy(readingC)).toBe('0–2,000,000 × 1.5 % + 2,000,000 以上 × 3 %');
  });
});

describe('calculating for a customer, by hand', () => {
  it('slices a progressive basis and rates the estimate by its incremental rebate', () => {
    // basis 1,500,000 + 1,000,000 = 2,500,000: 30,000 + 500,000 × 2 % = 40,000;
    // ytd 1,500,000 × 1.5 % = 22,500; incremental 17,500 = 1.75 % of 1,000,000.
    expect(
      calculateRebate(progressive, { ytdPurchases: '1500000.00', estimatedAmount: '1000000.00' }),
    ).toEqual({
      ytdPurchases: '1500000.00',
      basis: '2500000.00',
      totalRebate: '40000.00',
      incrementalRebate: '17500.00',
      effectiveRatePct: '1.75',
      breakdown: [
        { from: '0.00', to: '2000000.00', ratePct: '1.5', base: '2000000.00', rebate: '30000.00' },
        {
          from: '2000000.00',
          to: '5000000.00',
          ratePct: '2',
          base: '500000.00',
          rebate: '10000.00',
        },
      ],
    });
  });

  it('rounds the difference, not the two rebates: 0.006 − 0.0045 = 0.0015 gives 0.00, not 0.01', () => {
    // rebate(0.40) = 0.006 (0.01 rounded), rebate(0.30) = 0.0045 (0.00 rounded);
    // the effective rate uses the exact 0.0015: 0.0015 / 0.10 × 100 = 1.5 %.
    const result = calculateRebate(progressive, { ytdPurchases: '0.30', estimatedAmount: '0.10' });
    expect(result).toMatchObject({
      totalRebate: '0.01',
      incrementalRebate: '0.00',
      effectiveRatePct: '1.50',
    });
  });

  it('shows the whole basis in one row for flat_tier, and the jump in the incremental rebate', () => {
    // basis 5,000,000 × 3 % = 150,000; ytd 4,000,000 × 2 % = 80,000;
    // incremental 70,000 = 7 % of 1,000,000.
    expect(
      calculateRebate(flat, { ytdPurchases: '4000000.00', estimatedAmount: '1000000.00' }),
    ).toEqual({
      ytdPurchases: '4000000.00',
      basis: '5000000.00',
      totalRebate: '150000.00',
      incrementalRebate: '70000.00',
      effectiveRatePct: '7.00',
      breakdown: [
        { from: '5000000.00', to: null, ratePct: '3', base: '5000000.00', rebate: '150000.00' },
      ],
    });
  });

  it('caps both rebates before the difference, and shows the rows uncapped', () => {
    // basis 800,000: 4,000 + 7,500 = 11,500, capped 10,000; ytd 700,000: 9,000;
    // incremental 1,000 (not 2,500) = 1 % of 100,000.
    expect(
      calculateRebate(progressiveCapped, { ytdPurchases: '700000.00', estimatedAmount: '100000' }),
    ).toEqual({
      ytdPurchases: '700000.00',
      basis: '800000.00',
      totalRebate: '10000.00',
      incrementalRebate: '1000.00',
      effectiveRatePct: '1.00',
      breakdown: [
        { from: '100000.00', to: '500000.00', ratePct: '1', base: '400000.00', rebate: '4000.00' },
        { from: '500000.00', to: null, ratePct: '2.5', base: '300000.00', rebate: '7500.00' },
      ],
    });
  });

  it('adds nothing once the year-to-date already earns the cap', () => {
    // rebate(800,000) and rebate(900,000) are both the cap, 10,000.
    expect(
      calculateRebate(progressiveCapped, { ytdPurchases: '800000', estimatedAmount: '100000' }),
    ).toMatchObject({
      totalRebate: '10000.00',
      incrementalRebate: '0.00',
      effectiveRatePct: '0.00',
    });
  });

  it('earns nothing below the first threshold, with an empty breakdown', () => {
    expect(
      calculateRebate(progressiveCapped, { ytdPurchases: '0', estimatedAmount: '50000.00' }),
    ).toEqual({
      ytdPurchases: '0.00',
      basis: '50000.00',
      totalRebate: '0.00',
      incrementalRebate: '0.00',
      effectiveRatePct: '0.00',
      breakdown: [],
    });
  });

  it('gives a zero basis the first tier, reached with a base of 0, and no rate over no estimate', () => {
    expect(calculateRebate(progressive, { ytdPurchases: '0', estimatedAmount: '0' })).toEqual({
      ytdPurchases: '0.00',
      basis: '0.00',
      totalRebate: '0.00',
      incrementalRebate: '0.00',
      effectiveRatePct: '0.00',
      breakdown: [{ from: '0.00', to: '2000000.00', ratePct: '1.5', base: '0.00', rebate: '0.00' }],
    });
  });

  it('shows a progressive basis exactly on a threshold with that tier at a base of 0', () => {
    // 2,000,000: the first slice full, the 2M tier reached with nothing in it.
    const rows = calculateRebate(progressive, {
      ytdPurchases: '0',
      estimatedAmount: '2000000',
    }).breakdown;
    expect(rows.map((row) => [row.from, row.base, row.rebate])).toEqual([
      ['0.00', '2000000.00', '30000.00'],
      ['2000000.00', '0.00', '0.00'],
    ]);
  });

  it.each([
    // 100 × 1.125 % = 1.125 over 100: 1.125 %, a tie, rounded up.
    ['a tie', oneTier('1.125'), '100.00', '1.13'],
    // 9,999.99 above 100,000 at 1 % = 99.9999 over 109,999.99: 0.0909… %.
    ['a repeating decimal', progressiveCapped, '109999.99', '0.09'],
  ])('rounds the effective rate half-up to 2 places: %s', (_name, policy, estimated, pct) => {
    const result = calculateRebate(policy, { ytdPurchases: '0', estimatedAmount: estimated });
    expect(result.effectiveRatePct).toBe(pct);
  });

  it('keeps the incremental rebate exact for the service', () => {
    // 0.0015 as in the rounding case above; the service's margin after rebate uses it unrounded.
    const figures = rebateFigures(progressive, new Exact('0.30'), new Exact('0.10'));
    expect(figures.incrementalRebate.toFixed()).toBe('0.0015');
  });
});

describe('laws of the math (property)', () => {
  const money = (maxCents: number) =>
    fc.integer({ min: 0, max: maxCents }).map((c) => new Exact(c).div(100));
  const amount = money(2_000_000_000);
  /** Up to 5 tiers, the first at 0 or above, up to 13,000,000; rates 0–50 % in hundredths. */
  const policyOf = (method: RebatePolicy['method']) =>
    fc
      .record({
        first: money(100_000_000),
        steps: fc.array(
          money(300_000_000).map((step) => step.plus('0.01')),
          { maxLength: 4 },
        ),
        rates: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 5, maxLength: 5 }),
        cap: fc.option(
          money(100_000_000).map((cap) => cap.plus('0.01')),
          { nil: undefined },
        ),
      })
      .map(({ first, steps, rates, cap }): RebatePolicy => {
        let threshold = first;
        const thresholds = [first, ...steps.map((step) => (threshold = threshold.plus(step)))];
        return {
          method,
          tiers: thresholds.map((t, i) => ({
            threshold: t.toFixed(2),
            ratePct: new Exact(rates[i]).div(100).toFixed(),
          })),
          capAmount: cap?.toFixed(2),
        };
      });
  const anyPolicy = fc.oneof(policyOf('progressive'), policyOf('flat_tier'));

  /** The contract's progressive rebate, tier by tier: the part of x inside [from, to) × rate. */
  const progressiveByDefinition = (policy: RebatePolicy, x: Decimal) =>
    policy.tiers.reduce((sum, tier, i) => {
      const from = new Exact(tier.threshold);
      const next = policy.tiers[i + 1];
      const top = next ? Exact.min(x, next.threshold) : x;
      const inside = Exact.max(top.minus(from), 0);
      return sum.plus(inside.times(tier.ratePct).div(100));
    }, new Exact(0));

  it('every generated policy passes the check', () => {
    fc.assert(fc.property(anyPolicy, (policy) => expect(policyProblems(policy)).toEqual([])));
  });

  it('progressive: each slice of the amount earns its own tier’s rate', () => {
    fc.assert(
      fc.property(policyOf('progressive'), amount, (policy, x) => {
        const expected = progressiveByDefinition(policy, x);
        expect(uncappedRebateOf(compilePolicy(policy), x).equals(expected)).toBe(true);
      }),
    );
  });

  it('progressive: the rebate never decreases as the amount grows, capped or not', () => {
    fc.assert(
      fc.property(policyOf('progressive'), amount, amount, (policy, a, b) => {
        const compiled = compilePolicy(policy);
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        expect(rebateOf(compiled, low).lessThanOrEqualTo(rebateOf(compiled, high))).toBe(true);
        expect(
          uncappedRebateOf(compiled, low).lessThanOrEqualTo(uncappedRebateOf(compiled, high)),
        ).toBe(true);
      }),
    );
  });

  it('flat_tier: the whole amount earns the rate of the highest threshold it reaches', () => {
    fc.assert(
      fc.property(policyOf('flat_tier'), amount, (policy, x) => {
        const reached = policy.tiers
          .filter((tier) => x.greaterThanOrEqualTo(tier.threshold))
          .at(-1);
        const expected = reached ? x.times(reached.ratePct).div(100) : new Exact(0);
        expect(uncappedRebateOf(compilePolicy(policy), x).equals(expected)).toBe(true);
      }),
    );
  });

  it('the breakdown’s rebates add up to the uncapped rebate', () => {
    fc.assert(
      fc.property(anyPolicy, amount, (policy, x) => {
        const compiled = compilePolicy(policy);
        const slices = slicesOf(compiled, x);
        const sum = slices.reduce((acc, slice) => acc.plus(slice.rebate), new Exact(0));
        expect(sum.equals(uncappedRebateOf(compiled, x))).toBe(true);
      }),
    );
  });

  it('progressive: the breakdown’s bases add up to the basis above the first threshold', () => {
    fc.assert(
      fc.property(policyOf('progressive'), amount, (policy, x) => {
        const slices = slicesOf(compilePolicy(policy), x);
        const sum = slices.reduce((acc, slice) => acc.plus(slice.base), new Exact(0));
        const expected = Exact.max(x.minus(policy.tiers[0].threshold), 0);
        expect(sum.equals(expected)).toBe(true);
        expect(slices.length > 0).toBe(x.greaterThanOrEqualTo(policy.tiers[0].threshold));
      }),
    );
  });

  it('the rebate is the uncapped rebate or the cap, whichever is less', () => {
    fc.assert(
      fc.property(anyPolicy, amount, (policy, x) => {
        const compiled = compilePolicy(policy);
        const uncapped = uncappedRebateOf(compiled, x);
        const expected = policy.capAmount ? Exact.min(uncapped, policy.capAmount) : uncapped;
        expect(rebateOf(compiled, x).equals(expected)).toBe(true);
      }),
    );
  });

  it('incrementalRebate is round(rebate(ytd + est) − rebate(ytd)), exactly', () => {
    fc.assert(
      fc.property(anyPolicy, amount, amount, (policy, ytd, estimated) => {
        const compiled = compilePolicy(policy);
        const result = calculateRebate(compiled, {
          ytdPurchases: ytd.toFixed(2),
          estimatedAmount: estimated.toFixed(2),
        });
        const difference = rebateOf(compiled, ytd.plus(estimated)).minus(rebateOf(compiled, ytd));
        expect(result.incrementalRebate).toBe(presentMoney(difference));
        expect(result.totalRebate).toBe(presentMoney(rebateOf(compiled, ytd.plus(estimated))));
      }),
    );
  });
});
