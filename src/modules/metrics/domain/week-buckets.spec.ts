import { weeksOverlapping, weeksStartingIn } from './week-buckets';

describe('weeksOverlapping', () => {
  it('gives the whole weeks touching a range, oldest first', () => {
    // 2026-11-04 is a Wednesday of W45; 2026-11-18 a Wednesday of W47.
    expect(weeksOverlapping({ from: '2026-11-04', to: '2026-11-18' })).toEqual([
      { week: '2026-W45', from: '2026-11-02', to: '2026-11-09' },
      { week: '2026-W46', from: '2026-11-09', to: '2026-11-16' },
      { week: '2026-W47', from: '2026-11-16', to: '2026-11-23' },
    ]);
  });

  it('gives exactly the weeks of a range on week bounds', () => {
    expect(weeksOverlapping({ from: '2026-11-30', to: '2026-12-14' }).map((w) => w.week)).toEqual([
      '2026-W49',
      '2026-W50',
    ]);
  });

  it('crosses the ISO year: 2026 has 53 weeks', () => {
    expect(weeksOverlapping({ from: '2026-12-28', to: '2027-01-05' }).map((w) => w.week)).toEqual([
      '2026-W53',
      '2027-W01',
    ]);
  });

  it('gives one week for a one-day range', () => {
    expect(weeksOverlapping({ from: '2026-12-06', to: '2026-12-07' }).map((w) => w.week)).toEqual([
      '2026-W49',
    ]);
  });
});

describe('weeksStartingIn', () => {
  it('keeps the weeks whose Monday lies in the range', () => {
    expect(weeksStartingIn({ from: '2026-11-04', to: '2026-11-17' }).map((w) => w.week)).toEqual([
      '2026-W46',
      '2026-W47',
    ]);
  });
});
