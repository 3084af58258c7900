import fc from 'fast-check';
import { isoWeekOf, isoWeeksInYear, lastCompleteWeek, parseIsoWeek, weeksBefore } from './iso-week';

describe('ISO weeks', () => {
  it.each([
    // [day, week, Monday, next Monday]
    ['2026-12-06', '2026-W49', '2026-11-30', '2026-12-07'],
    ['2026-11-30', '2026-W49', '2026-11-30', '2026-12-07'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-04'], // a Sunday in the previous ISO year
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-06'], // a Monday in the next ISO year
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-05'],
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-04'],
  ])('%s lies in %s (%s to %s)', (date, week, from, to) => {
    expect(isoWeekOf(date)).toEqual({ week, from, to });
    expect(parseIsoWeek(week)).toEqual({ week, from, to });
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027].map(isoWeeksInYear)).toEqual([52, 52, 52, 52]);
  });

  it.each(['2025-W53', '2026-W00', '2026-W54', '2026-W1', '2026W49', '2026-w49', ' 2026-W49', ''])(
    'rejects %j',
    (name) => expect(parseIsoWeek(name)).toBeNull(),
  );

  it('gives the weeks before a week, oldest first, across a year end', () => {
    const names = weeksBefore(parseIsoWeek('2027-W02')!, 3).map((w) => w.week);
    expect(names).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('round-trips every day through its week: a Monday start, 7 days, the day inside', () => {
    const days = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, (date) => {
        const week = isoWeekOf(date);
        expect(parseIsoWeek(week.week)).toEqual(week);
        expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(week.from <= date && date < week.to).toBe(true);
      }),
    );
  });

  it("takes the last complete week on the organisation's calendar, not UTC's", () => {
    // Monday 2026-12-07 00:30 in Shanghai is still Sunday in UTC.
    const mondayInShanghai = new Date('2026-12-06T16:30:00Z');
    expect(lastCompleteWeek(mondayInShanghai, 'Asia/Shanghai').week).toBe('2026-W49');
    expect(lastCompleteWeek(mondayInShanghai, 'UTC').week).toBe('2026-W48');
  });
});
