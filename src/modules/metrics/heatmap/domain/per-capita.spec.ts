import { perCapita } from './per-capita';

describe('perCapita', () => {
  it('divides exactly and rounds half-up only at the end', () => {
    expect(perCapita('9000.00', 2)).toBe('4500.00');
    // 100.00 / 3 = 33.333… → 33.33; 200.00 / 3 = 66.666… → 66.67.
    expect(perCapita('100.00', 3)).toBe('33.33');
    expect(perCapita('200.00', 3)).toBe('66.67');
    // 0.05 / 2 = 0.025: a tie, rounded up (a binary float would give 0.02).
    expect(perCapita('0.05', 2)).toBe('0.03');
  });

  it('gives 0.00 for reps who sold nothing, null for no rep', () => {
    expect(perCapita('0.00', 4)).toBe('0.00');
    expect(perCapita('0.00', 0)).toBeNull();
  });
});
