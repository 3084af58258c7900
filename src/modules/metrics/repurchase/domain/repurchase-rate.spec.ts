import { repurchaseRatePct } from './repurchase-rate';

describe('repurchaseRatePct', () => {
  it('is the share of the base who reordered, in percent', () => {
    expect(repurchaseRatePct(10, 6)).toBe(60);
    expect(repurchaseRatePct(4, 3)).toBe(75);
    expect(repurchaseRatePct(5, 5)).toBe(100);
    expect(repurchaseRatePct(7, 0)).toBe(0);
  });

  it('rounds half-up to 2 places', () => {
    expect(repurchaseRatePct(3, 1)).toBe(33.33);
    expect(repurchaseRatePct(3, 2)).toBe(66.67);
    // 1 / 8 = 12.5 %; 1 / 16 = 6.25 %; 1 / 32 = 3.125 % → 3.13.
    expect(repurchaseRatePct(32, 1)).toBe(3.13);
  });

  it('has no rate without a base', () => {
    expect(repurchaseRatePct(0, 0)).toBeNull();
  });
});
