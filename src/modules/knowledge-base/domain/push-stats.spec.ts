import { completionPct } from './push-stats';

describe('completionPct', () => {
  it('is read / delivered × 100', () => {
    expect(completionPct(3, 4)).toBe(75);
    expect(completionPct(4, 4)).toBe(100);
  });

  it('rounds half-up to 2 places', () => {
    expect(completionPct(1, 3)).toBe(33.33);
    expect(completionPct(2, 3)).toBe(66.67);
    expect(completionPct(1, 8)).toBe(12.5);
    // 1/16 = 6.25 exactly; 1/1600 = 0.0625 → 0.06, 1/800 = 0.125 → 0.13 (half-up, not half-even)
    expect(completionPct(1, 800)).toBe(0.13);
    expect(completionPct(1, 1600)).toBe(0.06);
  });

  it('is 0 when nobody was delivered to', () => {
    expect(completionPct(0, 0)).toBe(0);
  });

  it('is 0 when nobody read', () => {
    expect(completionPct(0, 12)).toBe(0);
  });
});
