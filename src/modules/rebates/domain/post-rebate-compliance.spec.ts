import { Exact } from '../../quotes/domain/quote-math';
import { postRebateCompliance } from './post-rebate-compliance';

const BELOW = [{ code: 'BELOW_POST_REBATE_FLOOR', text: '当前报价低于返点后底线毛利率' }];
const QUOTE = { amount: '100000.00', cost: '80000.00' };

describe('postRebateCompliance', () => {
  it('has nothing to check without a quote', () => {
    expect(postRebateCompliance(new Exact(5000), undefined, 12.5)).toEqual({
      ok: true,
      minMarginPct: 12.5,
      messages: [],
    });
  });

  it('is ok at the floor exactly: (100,000 − 80,000 − 7,500) / 100,000 = 12.5 %', () => {
    expect(postRebateCompliance(new Exact('7500'), QUOTE, 12.5)).toEqual({
      ok: true,
      marginAfterRebatePct: 12.5,
      minMarginPct: 12.5,
      messages: [],
    });
  });

  it('compares the exact margin, not the rounded one: 12.4999 % is below 12.5 %', () => {
    expect(postRebateCompliance(new Exact('7500.01'), QUOTE, 12.5)).toEqual({
      ok: false,
      marginAfterRebatePct: 12.5,
      minMarginPct: 12.5,
      messages: BELOW,
    });
  });

  it('finds no margin in a quote of amount 0', () => {
    const free = { amount: '0.00', cost: '0.00' };
    expect(postRebateCompliance(new Exact(0), free, 12.5)).toMatchObject({
      ok: false,
      marginAfterRebatePct: null,
      messages: BELOW,
    });
  });
});
