import { segmentSearchTerms, segmentTerms } from './chinese-segmenter';

describe('segmentTerms', () => {
  it('cuts Chinese into words, without punctuation and stop words', () => {
    expect(segmentTerms('订单发货太慢了，物流什么时候到货？')).toEqual([
      '订单',
      '发货',
      '太慢',
      '物流',
      '到货',
    ]);
  });

  it('keeps the trade words whole and lower-cases Latin terms and full-width forms', () => {
    expect(segmentTerms('ＳＫＦ轴承的交期和账期')).toEqual(['skf', '轴承', '交期', '账期']);
  });

  it('keeps 专票 and 普票 whole and drops the wording of a request, leaving the topic', () => {
    expect(segmentTerms('如果能开专票的话，什么时候能开？')).toEqual(['开', '专票', '开']);
    expect(segmentTerms('能否帮忙尽快申请开普票')).toEqual(['开', '普票']);
  });

  it('gives the same terms for the same text', () => {
    const text = '面包试吃反馈：口感偏甜，希望少糖款尽快补货';
    expect(segmentTerms(text)).toEqual(segmentTerms(text));
  });
});

describe('segmentSearchTerms', () => {
  it('also gives the shorter words inside a long word', () => {
    expect(segmentSearchTerms('中华人民共和国')).toEqual(
      expect.arrayContaining(['中华', '人民', '共和国']),
    );
  });
});
