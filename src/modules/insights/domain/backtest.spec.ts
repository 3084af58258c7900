import { mean, precisionAtK, rankByRecency } from './backtest';

describe('rankByRecency', () => {
  it('puts the latest buyer first, ties by id, and leaves out customers without orders', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    expect(
      rankByRecency([
        { customerId: 'c', lastOrderAt: at(3) },
        { customerId: 'b', lastOrderAt: at(9) },
        { customerId: 'x', lastOrderAt: null },
        { customerId: 'a', lastOrderAt: at(9) },
      ]),
    ).toEqual(['a', 'b', 'c']);
  });
});

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
