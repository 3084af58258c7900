import { mean, precisionAtK } from './backtest';

describe('precisionAtK', () => {
  const buyers = new Set(['a', 'c']);

  it('is the share of the first k that ordered', () => {
    expect(precisionAtK(['a', 'b', 'c', 'd'], buyers, 3)).toBeCloseTo(2 / 3, 10);
    expect(precisionAtK(['b', 'd', 'a'], buyers, 2)).toBe(0);
  });

  it('counts the places a short ranking leaves empty as misses', () => {
    expect(precisionAtK(['a'], buyers, 3)).toBeCloseTo(1 / 3, 10);
  });
});

describe('mean', () => {
  it('averages, and is 0 for nothing', () => {
    expect(mean([0.5, 1, 0])).toBe(0.5);
    expect(mean([])).toBe(0);
  });
});
