import {
  CYCLE_INTERVALS,
  DAY_MS,
  median,
  purchaseCycle as cycleOf,
  summariseOrderDays,
} from './purchase-cycle';

/** Days in UTC, as the tests' times are. */
const utcDay = (time: Date) => Math.floor(time.getTime() / DAY_MS);
const purchaseCycle = (times: Date[], fallback: number) => {
  const summary = summariseOrderDays(times, utcDay);
  return summary && cycleOf(summary, fallback);
};

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS);

describe('purchaseCycle', () => {
  it('measures the median interval and its spread from 3 or more orders', () => {
    const cycle = purchaseCycle([day(0), day(14), day(28), day(42)], 30)!;
    expect(cycle).toMatchObject({ basis: 'measured', orderDays: 4, intervalDays: 14 });
    expect(cycle.spreadDays).toBeCloseTo(1.4, 6); // the floor: a tenth of the interval
    expect(cycle.expectedAt).toEqual(day(56));
  });

  it('is not moved by one odd gap: the median, not the mean', () => {
    const cycle = purchaseCycle([day(0), day(10), day(20), day(30), day(90)], 30)!;
    expect(cycle.intervalDays).toBe(10);
  });

  it('spreads as the intervals vary (MAD scaled to σ)', () => {
    const cycle = purchaseCycle([day(0), day(5), day(25), day(35), day(75)], 30)!;
    // intervals 5, 20, 10, 40: median 15, deviations 10, 5, 5, 25 → MAD 7.5
    expect(cycle.intervalDays).toBe(15);
    expect(cycle.spreadDays).toBeCloseTo(1.4826 * 7.5, 6);
  });

  it('measures the latest CYCLE_INTERVALS intervals only: a habit that changed counts as it is now', () => {
    // Twenty monthly orders, then weekly ones for as many intervals as the cycle reads.
    const monthly = Array.from({ length: 20 }, (_, n) => n * 30);
    const weekly = Array.from({ length: CYCLE_INTERVALS }, (_, n) => 19 * 30 + (n + 1) * 7);
    const cycle = purchaseCycle([...monthly, ...weekly].map(day), 30)!;
    expect(cycle).toMatchObject({ orderDays: 20 + CYCLE_INTERVALS, intervalDays: 7 });
    expect(cycle.spreadDays).toBe(1); // MAD 0: the floor of one day
  });

  it('counts orders on one day once, in any order given', () => {
    const cycle = purchaseCycle(
      [day(28), day(0), day(14), new Date(day(14).getTime() + 3_600_000)],
      30,
    )!;
    expect(cycle).toMatchObject({ orderDays: 3, intervalDays: 14 });
    expect(cycle.lastOrderAt).toEqual(day(28));
  });

  it('assumes the one interval of two orders, or the fallback for one, with a wide spread', () => {
    expect(purchaseCycle([day(0), day(20)], 30)).toMatchObject({
      basis: 'assumed',
      intervalDays: 20,
      spreadDays: 10,
    });
    expect(purchaseCycle([day(0)], 30)).toMatchObject({
      basis: 'assumed',
      intervalDays: 30,
      spreadDays: 15,
      expectedAt: day(30),
    });
  });

  it('is undefined without orders', () => {
    expect(purchaseCycle([], 30)).toBeUndefined();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
