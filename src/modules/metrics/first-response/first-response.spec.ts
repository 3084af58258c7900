import { firstResponseDefinition, toFigures } from './first-response';

describe('first response figures', () => {
  const row = { count: 6, responded: 5, medianMinutes: '15.00', p90Minutes: '40.50' };

  it('gives minutes as numbers and the within-target share in per cent, half-up to 2 places', () => {
    expect(toFigures({ ...row, within: 3, counted: 6 })).toEqual({
      count: 6,
      responded: 5,
      medianMinutes: 15,
      p90Minutes: 40.5,
      withinTargetPct: 50,
    });
    expect(toFigures({ ...row, within: 2, counted: 3 }).withinTargetPct).toBe(66.67);
    expect(toFigures({ ...row, within: 1, counted: 8 }).withinTargetPct).toBe(12.5);
  });

  it('has no share when nothing counts yet, and no percentiles without a response', () => {
    expect(
      toFigures({
        count: 1,
        responded: 0,
        medianMinutes: null,
        p90Minutes: null,
        within: 0,
        counted: 0,
      }),
    ).toEqual({
      count: 1,
      responded: 0,
      medianMinutes: null,
      p90Minutes: null,
      withinTargetPct: null,
    });
  });

  it('states the range, the zone, the target and the grouping in its definition', () => {
    const text = firstResponseDefinition({
      from: '2026-11-02',
      to: '2026-11-09',
      groupBy: 'team',
      timezone: 'Asia/Shanghai',
      targetMinutes: 15,
    });
    expect(text).toContain('from 2026-11-02 00:00 (inclusive) to 2026-11-09 00:00 (exclusive)');
    expect(text).toContain('Asia/Shanghai');
    expect(text).toContain('at most 15 minutes');
    expect(text).toContain("org unit of the customer's current owner");
  });
});
