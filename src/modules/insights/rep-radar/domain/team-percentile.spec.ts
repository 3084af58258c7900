import { teamPercentile } from './team-percentile';

describe('team percentile', () => {
  it('ranks a value among the peers: 100 above all, 0 below all', () => {
    expect(teamPercentile(80, [10, 20, 30])).toBe(100);
    expect(teamPercentile(5, [10, 20, 30])).toBe(0);
    expect(teamPercentile(25, [10, 20, 30, 40])).toBe(50);
    expect(teamPercentile(15, [10, 20, 30])).toBe(33.33);
  });

  it('counts a peer with the same value half', () => {
    expect(teamPercentile(20, [20])).toBe(50);
    expect(teamPercentile(20, [10, 20, 30])).toBe(50);
    expect(teamPercentile(20, [10, 20, 20, 30])).toBe(50);
    expect(teamPercentile(20, [10, 20])).toBe(75);
  });

  it('leaves out peers with no value', () => {
    expect(teamPercentile(20, [null, 10, null])).toBe(100);
  });

  it('has no rank without a value, or without a peer who has one', () => {
    expect(teamPercentile(null, [10, 20])).toBeNull();
    expect(teamPercentile(20, [])).toBeNull();
    expect(teamPercentile(20, [null, null])).toBeNull();
  });
});
