import { BelowFloorMarginException, IllegalTransitionException } from './quotes.exception';

describe('quote exceptions', () => {
  it('names each line below its floor by field, with its floor price and margin in both languages', () => {
    const error = new BelowFloorMarginException([
      {
        index: 2,
        productId: 'p-brg',
        sku: 'BRG-6205',
        floorPrice: '34.29',
        marginPct: 9.09,
        minMarginPct: 12.5,
      },
    ]);
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('BELOW_FLOOR_MARGIN');
    expect(error.options.errors).toEqual([
      {
        field: 'lines[2].unitPrice',
        message: {
          en: 'is below the floor price 34.29 (margin 9.09 %, minimum 12.50 %)',
          zh: '低于底价 34.29（毛利率 9.09 %，最低 12.50 %）',
        },
      },
    ]);
    expect(error.options.extensions).toEqual({
      lines: [expect.objectContaining({ index: 2, floorPrice: '34.29', marginPct: 9.09 })],
    });
  });

  it('says which status refused a transition, as a 409 with currentStatus', () => {
    const error = new IllegalTransitionException('won', 'edit');
    expect(error.kind).toBe('conflict');
    expect(error.detail).toEqual({
      en: 'The quote is won, so it cannot be edited',
      zh: '报价单状态为已成交（won），不能编辑',
    });
    expect(error.options.extensions).toEqual({ currentStatus: 'won' });
  });
});
