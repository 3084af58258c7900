import fc from 'fast-check';
import { growthPct, qualifies, WindowCounts } from './growth';

const rule = (growthPct: number, minCount = 1) => ({ growthPct, minCount });
const counts = (previous: number, current: number): WindowCounts => ({ previous, current });

describe('qualifies', () => {
  it('fires exactly at the threshold, and above it, but not below', () => {
    expect(qualifies(counts(10, 13), rule(30))).toBe(true);
    expect(qualifies(counts(10, 14), rule(30))).toBe(true);
    expect(qualifies(counts(10, 12), rule(30))).toBe(false);
  });

  it('compares exactly where floats would not (33.33 % of 3 is 0.9999; 57.3 % of 1000 is 573)', () => {
    expect(qualifies(counts(3, 4), rule(33.33))).toBe(true);
    expect(qualifies(counts(3, 4), rule(33.34))).toBe(false);
    expect(qualifies(counts(300, 400), rule(33.33))).toBe(true);
    // 0.1 + 0.2 style traps: 57.3 % of 1000.
    expect(qualifies(counts(1000, 1573), rule(57.3))).toBe(true);
    expect(qualifies(counts(1000, 1572), rule(57.3))).toBe(false);
  });

  it('never fires on a flat or falling count', () => {
    expect(qualifies(counts(10, 10), rule(0.01))).toBe(false);
    expect(qualifies(counts(10, 3), rule(0.01))).toBe(false);
  });

  it('counts anything from nothing as growth, once the current count reaches minCount', () => {
    expect(qualifies(counts(0, 1), rule(1000))).toBe(true);
    expect(qualifies(counts(0, 4), rule(30, 5))).toBe(false);
    expect(qualifies(counts(0, 5), rule(30, 5))).toBe(true);
    expect(qualifies(counts(0, 0), rule(30))).toBe(false);
  });

  it('holds back growth below minCount, at minCount fires', () => {
    expect(qualifies(counts(2, 4), rule(50, 5))).toBe(false);
    expect(qualifies(counts(2, 5), rule(50, 5))).toBe(true);
  });

  const window = fc.nat({ max: 1_000_000 });
  const pct = fc.integer({ min: 1, max: 10_000_000 }).map((hundredths) => hundredths / 100);
  const minCount = fc.integer({ min: 1, max: 1000 });

  it('never lets more customers qualify when growthPct or minCount is raised (property)', () => {
    fc.assert(
      fc.property(window, window, pct, pct, minCount, minCount, (p, c, pctA, pctB, minA, minB) => {
        const lower = rule(Math.min(pctA, pctB), Math.min(minA, minB));
        const higher = rule(Math.max(pctA, pctB), Math.max(minA, minB));
        if (qualifies(counts(p, c), higher)) expect(qualifies(counts(p, c), lower)).toBe(true);
      }),
    );
  });

  it('agrees with the reported growth: a qualifying customer with history shows at least growthPct (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), window, pct, (p, c, threshold) => {
        if (qualifies(counts(p, c), rule(threshold))) {
          expect(growthPct(counts(p, c))!).toBeGreaterThanOrEqual(threshold);
        }
      }),
    );
  });

  it('never lets a customer stop qualifying because its current count rose (property)', () => {
    fc.assert(
      fc.property(
        window,
        window,
        fc.nat({ max: 1000 }),
        pct,
        minCount,
        (p, c, more, threshold, min) => {
          if (qualifies(counts(p, c), rule(threshold, min)))
            expect(qualifies(counts(p, c + more), rule(threshold, min))).toBe(true);
        },
      ),
    );
  });
});

describe('growthPct', () => {
  it('is (current − previous) / previous × 100, rounded half-up to 2 places', () => {
    expect(growthPct(counts(10, 13))).toBe(30);
    expect(growthPct(counts(3, 4))).toBe(33.33);
    expect(growthPct(counts(3, 5))).toBe(66.67);
    expect(growthPct(counts(8, 9))).toBe(12.5);
    expect(growthPct(counts(80_000, 80_001))).toBe(0); // 0.00125 % rounds to 0.00
    expect(growthPct(counts(20_000, 20_001))).toBe(0.01); // 0.005 %: a half rounds up
    expect(growthPct(counts(10, 5))).toBe(-50);
  });

  it('is null when there was nothing before', () => {
    expect(growthPct(counts(0, 7))).toBeNull();
  });
});
