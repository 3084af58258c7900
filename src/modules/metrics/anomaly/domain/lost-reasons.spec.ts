import { reasonsByFrequency } from './lost-reasons';

describe('reasonsByFrequency', () => {
  it('counts reasons, most frequent first, ties in code-point order', () => {
    expect(
      reasonsByFrequency(
        ['价格太高', '交期太长', '价格太高', ' 价格太高 ', '竞品更便宜', null],
        '未填写',
      ),
    ).toEqual([
      { reason: '价格太高', count: 3 },
      { reason: '交期太长', count: 1 },
      { reason: '未填写', count: 1 },
      { reason: '竞品更便宜', count: 1 },
    ]);
  });

  it('gives nothing for no lost quote', () => {
    expect(reasonsByFrequency([], '未填写')).toEqual([]);
  });
});
