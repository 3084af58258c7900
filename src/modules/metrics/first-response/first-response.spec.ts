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
    const { en, zh } = firstResponseDefinition({
      from: '2026-11-02',
      to: '2026-11-09',
      groupBy: 'team',
      timezone: 'Asia/Shanghai',
      targetMinutes: 15,
    });
    expect(en).toContain('from 2026-11-02 00:00 (inclusive) to 2026-11-09 00:00 (exclusive)');
    expect(en).toContain('Asia/Shanghai');
    expect(en).toContain('at most 15 minutes');
    expect(en).toContain("org unit of the customer's current owner");
    expect(zh).toContain('2026-11-02 00:00（含）至 2026-11-09 00:00（不含）');
    expect(zh).toContain('不超过 15 分钟');
    expect(zh).toContain('按客户当前负责人所属组织分组');
  });
});
