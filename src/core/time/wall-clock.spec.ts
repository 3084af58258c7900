import { wallClockDay, wallClockMinute } from './wall-clock';

describe('wall clock', () => {
  const newYearInShanghai = new Date('2026-12-31T16:05:00Z');

  it('reads the day in the time zone, not in UTC', () => {
    expect(wallClockDay(newYearInShanghai, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(wallClockDay(newYearInShanghai, 'UTC')).toBe('2026-12-31');
    expect(wallClockDay(new Date('1970-01-01T04:00:00Z'), 'America/New_York')).toBe('1969-12-31');
  });

  it('reads the minute on a 24-hour clock', () => {
    expect(wallClockMinute(newYearInShanghai, 'Asia/Shanghai')).toBe('2027-01-01 00:05');
    expect(wallClockMinute(newYearInShanghai, 'UTC')).toBe('2026-12-31 16:05');
    expect(wallClockMinute(new Date('2026-12-06T17:05:00Z'), 'Asia/Shanghai')).toBe(
      '2026-12-07 01:05',
    );
  });
});
