import { alertTitle, breaches } from './alert-rule';

describe('alert rules', () => {
  it.each([
    // value, comparator, threshold, breach
    [64.99, 'lt', '65', true],
    [65, 'lt', '65', false],
    [65.001, 'lt', '65', false], // presented as 65.00: not below
    [64.995, 'lt', '65', false], // presented as 65.00 (half-up)
    [64.994, 'lt', '65', true], // presented as 64.99
    [92.01, 'gt', '92', true],
    [92, 'gt', '92', false],
    [0, 'lt', '0.01', true],
    [100, 'gt', '100', false],
  ] as const)('%d %s %s breaches: %s', (value, comparator, threshold, breach) => {
    expect(breaches(value, comparator, threshold)).toBe(breach);
  });

  it('never fires on a unit with nothing to measure', () => {
    expect(breaches(null, 'lt', '65')).toBe(false);
    expect(breaches(null, 'gt', '0')).toBe(false);
  });

  it('titles a breach in Chinese with the figures as presented', () => {
    expect(alertTitle('西湖烘焙店', '2026-W49', 'repurchase_rate', 58.333, 'lt', '65.00')).toBe(
      '西湖烘焙店 2026-W49 周复购率 58.33% 低于 65%',
    );
    expect(alertTitle('杭州工业配件组', '2026-W49', 'compliance_rate', 95.5, 'gt', '92.5')).toBe(
      '杭州工业配件组 2026-W49 跟进合规率 95.50% 高于 92.5%',
    );
  });
});
