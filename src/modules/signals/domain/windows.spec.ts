import { localEpochDay, ruleWindows } from './windows';

const DAY_MS = 86_400_000;

describe('ruleWindows', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');

  it('compares [now − w, now) with the w days before it', () => {
    const windows = ruleWindows(now, 7, 'Asia/Shanghai');
    expect(windows.end).toEqual(now);
    expect(windows.currentStart).toEqual(new Date(now.getTime() - 7 * DAY_MS));
    expect(windows.previousStart).toEqual(new Date(now.getTime() - 14 * DAY_MS));
  });

  it('names the period by whole windowDays-long runs of the organisation’s calendar days since 1970-01-01', () => {
    // 2026-11-28 is day 20,785 since the epoch; 20,785 / 7 = 2969.29.
    expect(ruleWindows(now, 7, 'Asia/Shanghai').period).toBe(2969);
    expect(ruleWindows(now, 1, 'Asia/Shanghai').period).toBe(20_785);
    expect(ruleWindows(now, 30, 'Asia/Shanghai').period).toBe(692);
  });

  it('keeps one period all through it, and starts the next at local midnight', () => {
    // For 7-day windows, period 2969 is days 20,783-20,789: 2026-11-26 to 2026-12-02.
    const first = new Date('2026-11-25T16:00:00.000Z'); // 11-26 00:00 in Shanghai
    const last = new Date('2026-12-02T15:59:59.999Z'); // 12-02 23:59:59.999 in Shanghai
    const next = new Date('2026-12-02T16:00:00.000Z'); // 12-03 00:00 in Shanghai
    expect(ruleWindows(new Date(first.getTime() - 1), 7, 'Asia/Shanghai').period).toBe(2968);
    expect(ruleWindows(first, 7, 'Asia/Shanghai').period).toBe(2969);
    expect(ruleWindows(last, 7, 'Asia/Shanghai').period).toBe(2969);
    expect(ruleWindows(next, 7, 'Asia/Shanghai').period).toBe(2970);
    // Still 12-02 in UTC: the organisation's time zone decides.
    expect(ruleWindows(next, 7, 'UTC').period).toBe(2969);
  });
});

describe('localEpochDay', () => {
  it('counts days on the wall calendar of the time zone', () => {
    expect(localEpochDay(new Date('1970-01-01T00:00:00Z'), 'UTC')).toBe(0);
    expect(localEpochDay(new Date('1970-01-01T16:00:00Z'), 'Asia/Shanghai')).toBe(1);
    expect(localEpochDay(new Date('1970-01-01T04:00:00Z'), 'America/New_York')).toBe(-1);
  });
});
