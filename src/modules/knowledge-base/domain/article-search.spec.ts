import { articleSearchDocument, searchQueryText } from './article-search';

describe('article search terms', () => {
  it('cut title, tags and body into jieba terms, the trade’s words whole', () => {
    const document = articleSearchDocument({
      title: '交期查询流程',
      tags: ['交期', '订单'],
      body: '请先查看预计到货日期。',
    });
    expect(document.title.split(' ')).toEqual(expect.arrayContaining(['交期', '查询', '流程']));
    expect(document.tags).toBe('交期 订单');
    expect(document.body.split(' ')).toEqual(expect.arrayContaining(['到货', '日期']));
    expect(document.body).not.toMatch(/。/);
  });

  it('cut a query the same way, and find nothing to search in stop words', () => {
    expect(searchQueryText('交期')).toBe('交期');
    expect(searchQueryText('退货 换货')).toBe('退货 换货');
    expect(searchQueryText('请问的')).toBe('');
  });
});
