import { isFiveFieldCron, nextRunAfter } from './push-schedule';

const SHANGHAI = 'Asia/Shanghai';
const next = (cron: string, after: string, zone = SHANGHAI) =>
  nextRunAfter(cron, zone, new Date(after)).toISOString();

describe('push schedule', () => {
  describe('Fridays at 17:00 in Asia/Shanghai (UTC+8 all year, no DST)', () => {
    const FRIDAY_17 = '0 17 * * 5';

    it('runs at 09:00Z on a Friday not yet past 17:00 there', () => {
      expect(next(FRIDAY_17, '2026-12-11T08:59:59.999Z')).toBe('2026-12-11T09:00:00.000Z');
    });

    it('runs a week later once 17:00 has come', () => {
      expect(next(FRIDAY_17, '2026-12-11T09:00:00.000Z')).toBe('2026-12-18T09:00:00.000Z');
      expect(next(FRIDAY_17, '2026-12-11T09:00:00.001Z')).toBe('2026-12-18T09:00:00.000Z');
    });

    it('reads the weekday in Shanghai: Friday 01:00 there is still Thursday in UTC', () => {
      // 2026-12-10T17:00Z is Friday 01:00 in Shanghai: today's 17:00 comes, not a week later.
      expect(next(FRIDAY_17, '2026-12-10T17:00:00.000Z')).toBe('2026-12-11T09:00:00.000Z');
    });

    it('is a fixed 8 hours from UTC across the northern summer, when zones with DST shift', () => {
      expect(next(FRIDAY_17, '2026-07-01T00:00:00.000Z')).toBe('2026-07-03T09:00:00.000Z');
      expect(next(FRIDAY_17, '2026-03-27T00:00:00.000Z', 'Europe/Berlin')).toBe(
        '2026-03-27T16:00:00.000Z',
      );
      expect(next(FRIDAY_17, '2026-04-01T00:00:00.000Z', 'Europe/Berlin')).toBe(
        '2026-04-03T15:00:00.000Z',
      );
    });
  });

  describe('local midnight, which is 16:00Z the day before', () => {
    const MIDNIGHT = '0 0 * * *';

    it('gives 16:00Z', () => {
      expect(next(MIDNIGHT, '2026-12-07T03:00:00.000Z')).toBe('2026-12-07T16:00:00.000Z');
    });

    it('moves to the next day at 16:00Z sharp and after', () => {
      expect(next(MIDNIGHT, '2026-12-07T15:59:59.999Z')).toBe('2026-12-07T16:00:00.000Z');
      expect(next(MIDNIGHT, '2026-12-07T16:00:00.000Z')).toBe('2026-12-08T16:00:00.000Z');
    });

    it('counts Monday as Shanghai’s: Monday 00:00 there is Sunday 16:00Z', () => {
      expect(next('0 0 * * 1', '2026-12-07T00:00:00.000Z')).toBe('2026-12-13T16:00:00.000Z');
    });

    it('crosses the year at Shanghai’s midnight, not UTC’s', () => {
      expect(next('0 0 1 1 *', '2026-12-31T15:00:00.000Z')).toBe('2026-12-31T16:00:00.000Z');
    });
  });

  describe('isFiveFieldCron', () => {
    it.each(['0 17 * * 5', '*/15 9-18 * * 1-5', '0 0 1 * *', '30 8 * * MON'])(
      'accepts %s',
      (cron) => {
        expect(isFiveFieldCron(cron)).toBe(true);
      },
    );

    it.each([
      ['too few fields', '0 17 * *'],
      ['seconds (six fields)', '0 0 17 * * 5'],
      ['a minute past 59', '60 17 * * 5'],
      ['an hour past 23', '0 24 * * 5'],
      ['a weekday past 7', '0 17 * * 8'],
      ['words', 'every friday'],
      ['blank', ''],
    ])('refuses %s', (_, cron) => {
      expect(isFiveFieldCron(cron)).toBe(false);
    });
  });
});
