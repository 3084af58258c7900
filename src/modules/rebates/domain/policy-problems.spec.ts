import { rebateMessages } from '../rebates.exception';
import { policyProblems } from './policy-problems';
import { LADDER } from './rebate-policies.testing';

describe('checking a policy', () => {
  it('passes a valid policy, with or without a cap', () => {
    expect(policyProblems({ tiers: LADDER })).toEqual([]);
    expect(policyProblems({ tiers: LADDER, capAmount: '0.01' })).toEqual([]);
    expect(policyProblems({ tiers: LADDER, capAmount: null })).toEqual([]);
  });

  it('needs a tier', () => {
    expect(policyProblems({ tiers: [] })).toEqual([
      { field: 'tiers', message: rebateMessages.needsTiers },
    ]);
  });

  it.each([
    ['a repeated threshold', ['0', '100', '100'], 2, rebateMessages.thresholdAscending('100.00')],
    ['a descending threshold', ['500', '100'], 1, rebateMessages.thresholdAscending('500.00')],
    ['a negative first threshold', ['-0.01', '100'], 0, rebateMessages.negativeThreshold],
    ['a negative later threshold', ['x', '-5'], 1, rebateMessages.negativeThreshold],
    ['not a number', ['0', 'abc'], 1, rebateMessages.notMoney],
    ['3 decimals', ['0', '1.234'], 1, rebateMessages.notMoney],
    ['an exponent', ['0', '1e6'], 1, rebateMessages.notMoney],
  ])('refuses %s', (_name, thresholds, index, message) => {
    const tiers = thresholds.map((threshold) => ({ threshold, ratePct: 1 }));
    expect(policyProblems({ tiers })).toContainEqual({
      field: `tiers[${index}].threshold`,
      message,
    });
  });

  it.each([
    [-0.5, rebateMessages.negativeRate],
    ['-1', rebateMessages.negativeRate],
    ['1.5%', rebateMessages.notRate],
    [Number.NaN, rebateMessages.notRate],
    [Number.POSITIVE_INFINITY, rebateMessages.notRate],
  ])('refuses the rate %s', (ratePct, message) => {
    expect(policyProblems({ tiers: [{ threshold: '0', ratePct }] })).toEqual([
      { field: 'tiers[0].ratePct', message },
    ]);
  });

  it.each([
    ['0', rebateMessages.capNotPositive],
    ['-100.00', rebateMessages.capNotPositive],
    ['100.001', rebateMessages.notMoney],
  ])('refuses the cap %s', (capAmount, message) => {
    expect(policyProblems({ tiers: LADDER, capAmount })).toEqual([{ field: 'capAmount', message }]);
  });

  it('lists every problem, in field order', () => {
    const problems = policyProblems({
      tiers: [
        { threshold: '100', ratePct: -1 },
        { threshold: '50', ratePct: 'two' },
      ],
      capAmount: '0.00',
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'tiers[0].ratePct',
      'tiers[1].threshold',
      'tiers[1].ratePct',
      'capAmount',
    ]);
  });
});
