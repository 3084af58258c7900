import { silentHours } from './silence';

const created = new Date('2026-11-01T00:00:00+08:00');
const now = new Date('2026-11-04T01:59:59+08:00');

describe('silentHours', () => {
  it('counts whole hours since the last interaction', () => {
    expect(silentHours(new Date('2026-11-03T22:00:00+08:00'), created, now)).toBe(3);
  });

  it('counts from creation when there was never an interaction', () => {
    expect(silentHours(null, created, now)).toBe(73);
  });

  it('never goes below zero for a touch stamped a little in the future', () => {
    expect(silentHours(new Date('2026-11-04T02:03:00+08:00'), created, now)).toBe(0);
  });
});
