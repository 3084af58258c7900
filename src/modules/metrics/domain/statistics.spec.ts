import fc from 'fast-check';
import {
  ClosedQuotes,
  funnelAnomaly,
  lossRatePct,
  nearestRank,
  populationStats,
  roundPct,
  sortedAscending,
  withinTargetPct,
} from './statistics';

describe('nearestRank', () => {
  it.each([
    // n = 1: ⌈0.5⌉ = 1, ⌈0.9⌉ = 1: the only value either way.
    [[7], 50, 7],
    [[7], 90, 7],
    // n = 2: ⌈0.5 × 2⌉ = 1 → 1; ⌈0.9 × 2⌉ = ⌈1.8⌉ = 2 → 2.
    [[1, 2], 50, 1],
    [[1, 2], 90, 2],
    // n = 10: ⌈5⌉ = 5 → 50; ⌈9⌉ = 9 → 90 (not 10: 90 × 10 / 100 is exactly 9).
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 50, 50],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    // n = 11: ⌈5.5⌉ = 6 → 6; ⌈9.9⌉ = 10 → 10.
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 50, 6],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    // p100 is the maximum; a tiny p is the minimum (rank ⌈0.001 × 3 / 100⌉ = 1).
    [[3, 5, 8], 100, 8],
    [[3, 5, 8], 0.001, 3],
  ])('of %j at p%d is %d', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it('never interpolates: the median of [1, 2, 3, 4] is 2, not 2.5', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
  });

  it('is null for an empty list', () => {
    expect(nearestRank([], 50)).toBeNull();
  });

  it.each([0, -1, 100.01, Number.NaN])('refuses percentile %d', (p) => {
    expect(() => nearestRank([1], p)).toThrow(RangeError);
  });

  it('sorts numerically, not as strings', () => {
    expect(sortedAscending([10, 9, 100, 1])).toEqual([1, 9, 10, 100]);
  });

  const sortedList = fc
    .array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 200 })
    .map(sortedAscending);
  const percentile = fc.integer({ min: 1, max: 10_000 }).map((h) => h / 100);

  it('returns an element of the list (property)', () => {
    fc.assert(
      fc.property(sortedList, percentile, (values, p) => {
        expect(values).toContain(nearestRank(values, p));
      }),
    );
  });

  it('is monotone in p (property)', () => {
    fc.assert(
      fc.property(sortedList, percentile, percentile, (values, p, q) => {
        const [low, high] = p <= q ? [p, q] : [q, p];
        expect(nearestRank(values, low)!).toBeLessThanOrEqual(nearestRank(values, high)!);
      }),
    );
  });
});

describe('populationStats', () => {
  it('of [2, 4, 4, 4, 5, 5, 7, 9]: mean 40 / 8 = 5, variance (9+1+1+1+0+0+4+16) / 8 = 4, σ 2', () => {
    expect(populationStats([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sigma: 2 });
  });

  it('divides by n, not n − 1: [1, 3] has mean 2, variance (1 + 1) / 2 = 1, σ 1', () => {
    expect(populationStats([1, 3])).toEqual({ mean: 2, sigma: 1 });
  });

  it('gives σ 0 for a single value', () => {
    expect(populationStats([42])).toEqual({ mean: 42, sigma: 0 });
  });

  it('is null for an empty list', () => {
    expect(populationStats([])).toBeNull();
  });

  it('stays exact far from zero, where Σx² − n·mean² would cancel', () => {
    // 1e9 + [4, 7, 13, 16]: mean 1e9 + 10, deviations ±3, ±6, variance 45 / 2.
    const stats = populationStats([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])!;
    expect(stats.mean).toBe(1e9 + 10);
    expect(stats.sigma).toBeCloseTo(Math.sqrt(22.5), 9);
  });

  const values = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), {
    minLength: 1,
    maxLength: 100,
  });

  it('has σ ≥ 0 (property)', () => {
    fc.assert(
      fc.property(values, (xs) => {
        expect(populationStats(xs)!.sigma).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('has σ = 0 for a constant list (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (x, n) => {
          const stats = populationStats(Array.from({ length: n }, () => x))!;
          expect(stats.sigma).toBe(0);
          expect(stats.mean).toBe(x);
        },
      ),
    );
  });

  it('shifts the mean and keeps σ when every value shifts (property)', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: -1_000_000, max: 1_000_000 }), (xs, shift) => {
        const before = populationStats(xs)!;
        const after = populationStats(xs.map((x) => x + shift))!;
        expect(after.mean).toBeCloseTo(before.mean + shift, 6);
        expect(after.sigma).toBeCloseTo(before.sigma, 6);
      }),
    );
  });
});

describe('lossRatePct', () => {
  it('is lost / closed × 100, exact for whole rates: 3 of 10 is 30', () => {
    expect(lossRatePct({ won: 7, lost: 3 })).toBe(30);
  });

  it('is null for a week with no closed quote', () => {
    expect(lossRatePct({ won: 0, lost: 0 })).toBeNull();
  });
});

describe('funnelAnomaly', () => {
  /** 2 of 10 lost = 20 %. */
  const at20: ClosedQuotes = { won: 8, lost: 2 };
  /** 3 of 10 lost = 30 %. */
  const at30: ClosedQuotes = { won: 7, lost: 3 };
  /** No closed quote: no rate. */
  const empty: ClosedQuotes = { won: 0, lost: 0 };
  // Eight weeks alternating 20 % and 30 %: mean 25, every deviation ±5, so
  // variance 25 and σ 5; threshold 25 + 2 × 5 = 35.
  const baseline = [at20, at30, at20, at30, at20, at30, at20, at30];

  it('does not breach AT the bound: 7 lost of 20 is exactly 35 %', () => {
    expect(funnelAnomaly({ week: { won: 13, lost: 7 }, previous: baseline })).toEqual({
      lossRatePct: 35,
      meanPct: 25,
      sigmaPct: 5,
      thresholdPct: 35,
      closed: 20,
      baselineWeeks: 8,
      breach: false,
      reason: 'within_threshold',
    });
  });

  it('breaches just above: 701 lost of 2000 is 35.05 %', () => {
    const result = funnelAnomaly({ week: { won: 1299, lost: 701 }, previous: baseline });
    expect(result).toMatchObject({ lossRatePct: 35.05, breach: true, reason: 'above_threshold' });
  });

  it('does not breach on 4 closed quotes, though 3 of 4 = 75 % is far above', () => {
    const result = funnelAnomaly({ week: { won: 1, lost: 3 }, previous: baseline });
    expect(result).toMatchObject({
      lossRatePct: 75,
      closed: 4,
      breach: false,
      reason: 'too_few_closed',
    });
  });

  it('breaches on exactly 5 closed quotes: 3 of 5 = 60 %', () => {
    const result = funnelAnomaly({ week: { won: 2, lost: 3 }, previous: baseline });
    expect(result).toMatchObject({ lossRatePct: 60, closed: 5, breach: true });
  });

  it('skips weeks with no closed quote from the baseline', () => {
    // Rated weeks 20, 30, 20, 30: mean 25, σ 5, threshold 35 as before. Were
    // the empty weeks 0 %, the mean would be 12.5 and 35 % would breach.
    const previous = [at20, empty, at30, empty, at20, empty, at30, empty];
    expect(funnelAnomaly({ week: { won: 13, lost: 7 }, previous })).toMatchObject({
      meanPct: 25,
      sigmaPct: 5,
      thresholdPct: 35,
      baselineWeeks: 4,
      breach: false,
    });
    expect(funnelAnomaly({ week: { won: 12, lost: 8 }, previous })).toMatchObject({
      lossRatePct: 40,
      breach: true,
    });
  });

  it('never breaches with fewer than 2 rated baseline weeks', () => {
    const previous = [empty, empty, empty, at20, empty, empty, empty, empty];
    expect(funnelAnomaly({ week: { won: 0, lost: 10 }, previous })).toEqual({
      lossRatePct: 100,
      meanPct: null,
      sigmaPct: null,
      thresholdPct: null,
      closed: 10,
      baselineWeeks: 1,
      breach: false,
      reason: 'insufficient_baseline',
    });
    expect(funnelAnomaly({ week: { won: 0, lost: 10 }, previous: [] })).toMatchObject({
      breach: false,
      reason: 'insufficient_baseline',
    });
  });

  it('has no rate and no breach for a week with no closed quote', () => {
    expect(funnelAnomaly({ week: empty, previous: baseline })).toMatchObject({
      lossRatePct: null,
      closed: 0,
      breach: false,
      reason: 'no_closed_quotes',
    });
  });

  it('uses only the last windowWeeks weeks', () => {
    // Two older weeks at 100 % fall outside the 8-week window: mean stays 25.
    const previous = [{ won: 0, lost: 10 }, { won: 0, lost: 10 }, ...baseline];
    expect(funnelAnomaly({ week: { won: 12, lost: 8 }, previous })).toMatchObject({
      meanPct: 25,
      baselineWeeks: 8,
      breach: true,
    });
    // A 2-week window sees [20, 30] only: mean 25, σ 5, the same threshold.
    expect(funnelAnomaly({ week: { won: 13, lost: 7 }, previous, windowWeeks: 2 })).toMatchObject({
      baselineWeeks: 2,
      thresholdPct: 35,
      breach: false,
    });
  });

  it('breaches above a flat baseline: σ 0, threshold = mean = 20, 2 of 8 = 25 %', () => {
    const previous = Array.from({ length: 8 }, () => at20);
    expect(funnelAnomaly({ week: { won: 6, lost: 2 }, previous })).toMatchObject({
      sigmaPct: 0,
      thresholdPct: 20,
      breach: true,
    });
    expect(funnelAnomaly({ week: { won: 8, lost: 2 }, previous }).breach).toBe(false);
  });

  it('honours sigmaMultiplier and minClosed', () => {
    // k = 1: threshold 25 + 5 = 30; 7 of 20 = 35 % breaches.
    expect(
      funnelAnomaly({ week: { won: 13, lost: 7 }, previous: baseline, sigmaMultiplier: 1 }),
    ).toMatchObject({ thresholdPct: 30, breach: true });
    // minClosed 21: the same 20 closed quotes are too few.
    expect(
      funnelAnomaly({ week: { won: 12, lost: 8 }, previous: baseline, minClosed: 21 }),
    ).toMatchObject({ breach: false, reason: 'too_few_closed' });
  });

  it('rounds the figures half-up to 2 places: 1 of 3 lost is 33.33 %', () => {
    const third = { won: 2, lost: 1 };
    const result = funnelAnomaly({ week: { won: 1, lost: 2 }, previous: [third, third] });
    // Baseline 33.33…, 33.33…: σ 0; 2 of 3 = 66.666… > 33.33…, but only 3 closed.
    expect(result).toMatchObject({
      lossRatePct: 66.67,
      meanPct: 33.33,
      sigmaPct: 0,
      thresholdPct: 33.33,
      breach: false,
      reason: 'too_few_closed',
    });
  });
});

describe('withinTargetPct', () => {
  const answered = (responseMinutes: number) => ({ responseMinutes, ageMinutes: 1_000 });
  const unanswered = (ageMinutes: number) => ({ responseMinutes: null, ageMinutes });

  it('counts ≤ target as within, and unanswered past the target as not: 2 of 4 = 50 %', () => {
    const inquiries = [
      answered(5), // within
      answered(15), // within: exactly the target
      answered(16), // not within
      unanswered(20), // older than the target: not within
      unanswered(10), // younger: left out
      unanswered(15), // exactly the target old: could still be answered at 15, left out
    ];
    expect(withinTargetPct(inquiries, 15)).toBe(50);
  });

  it('rounds half-up to 2 places: 2 of 3 is 66.67, 1 of 800 is 0.125 → 0.13', () => {
    expect(withinTargetPct([answered(1), answered(2), answered(99)], 15)).toBe(66.67);
    const inquiries = [answered(1), ...Array.from({ length: 799 }, () => answered(99))];
    expect(withinTargetPct(inquiries, 15)).toBe(0.13);
  });

  it('is null when no inquiry counts', () => {
    expect(withinTargetPct([], 15)).toBeNull();
    expect(withinTargetPct([unanswered(3)], 15)).toBeNull();
  });

  it('lies between 0 and 100 (property)', () => {
    const inquiry = fc.record({
      responseMinutes: fc.option(fc.integer({ min: 0, max: 600 })),
      ageMinutes: fc.integer({ min: 0, max: 600 }),
    });
    fc.assert(
      fc.property(fc.array(inquiry), fc.integer({ min: 1, max: 120 }), (inquiries, target) => {
        const pct = withinTargetPct(inquiries, target);
        if (pct !== null) {
          expect(pct).toBeGreaterThanOrEqual(0);
          expect(pct).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('roundPct', () => {
  it('rounds half-up as the decimal reads: 2.675 → 2.68, 0.125 → 0.13, −0.001 → 0', () => {
    expect(roundPct(2.675)).toBe(2.68);
    expect(roundPct(0.125)).toBe(0.13);
    expect(Object.is(roundPct(-0.001), 0)).toBe(true);
  });
});
