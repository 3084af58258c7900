import { explainPolicy } from './policy-formula';
import { flat, flatCapped, progressive, progressiveCapped } from './rebate-policies.testing';
import { compilePolicy } from './tier-math';

describe('the formula in words', () => {
  it('sums the slices of a progressive policy', () => {
    expect(explainPolicy(progressive)).toBe(
      '0–2,000,000 × 1.5 % + 2,000,000–5,000,000 × 2 % + 5,000,000 以上 × 3 %',
    );
  });

  it('gives one rate on the whole amount per range of a flat_tier policy', () => {
    expect(explainPolicy(flat)).toBe(
      '0–2,000,000：全额 × 1.5 %；2,000,000–5,000,000：全额 × 2 %；5,000,000 以上：全额 × 3 %',
    );
  });

  it('ends with the cap', () => {
    expect(explainPolicy(progressiveCapped)).toBe(
      '100,000–500,000 × 1 % + 500,000 以上 × 2.5 %；封顶 10,000',
    );
    expect(explainPolicy(flatCapped)).toBe(
      '0–1,000,000：全额 × 1 %；1,000,000 以上：全额 × 2 %；封顶 15,000',
    );
  });

  it('shows cents only where there are some', () => {
    const policy = compilePolicy({
      method: 'progressive',
      tiers: [
        { threshold: '1500.5', ratePct: '0.125' },
        { threshold: '12345678.00', ratePct: '1' },
      ],
      capAmount: '100000.25',
    });
    expect(explainPolicy(policy)).toBe(
      '1,500.50–12,345,678 × 0.125 % + 12,345,678 以上 × 1 %；封顶 100,000.25',
    );
  });
});
