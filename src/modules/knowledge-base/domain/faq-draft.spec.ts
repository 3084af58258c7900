import { FaqCluster, FaqSourceTicket } from './faq-clustering';
import { draftFaqArticle, MAX_EXAMPLE_TICKETS } from './faq-draft';

function ticket(id: string, subject: string, content = ''): FaqSourceTicket {
  return { id, subject, content, createdAt: new Date('2026-12-01T08:00:00Z') };
}

const INVOICE_TICKETS = [
  ticket('t-1', '发票什么时候能开出来', '订单已经付款了，发票什么时候可以开具？'),
  ticket('t-2', '申请开具专票', '麻烦开一张专票，税号已经发到邮箱。'),
  ticket('t-3', '发票抬头开错了', '收到的发票抬头写错了，需要重新开具发票。'),
];
const INVOICE_CLUSTER: FaqCluster = {
  ticketIds: ['t-1', 't-2', 't-3'],
  topTerms: ['发票', '开具', '专票', '抬头', '开'],
};

describe('draftFaqArticle', () => {
  it('titles and tags the article with the top terms', () => {
    const draft = draftFaqArticle(INVOICE_CLUSTER, INVOICE_TICKETS);

    expect(draft.title).toBe('常见问题：发票 · 开具 · 专票');
    expect(draft.tags).toEqual(['发票', '开具', '专票', '抬头', '开']);
  });

  it('lists every example ticket by id and subject, those with the most top terms first', () => {
    const draft = draftFaqArticle(INVOICE_CLUSTER, INVOICE_TICKETS);

    // t-3 uses four top terms; t-1 and t-2 three each (发票 开 开具, 开具 专票 开): they keep their order.
    expect(draft.exampleTicketIds).toEqual(['t-3', 't-1', 't-2']);
    expect(draft.body).toContain('共有 3 张工单问到这类问题，关键词：发票、开具、专票、抬头、开。');
    expect(draft.body).toContain('典型问法：「发票抬头开错了」');
    expect(draft.body).toContain(
      [
        '共 3 张：',
        '',
        '- `t-3` 发票抬头开错了',
        '- `t-1` 发票什么时候能开出来',
        '- `t-2` 申请开具专票',
      ].join('\n'),
    );
  });

  it(`lists at most ${MAX_EXAMPLE_TICKETS} examples and says how many tickets there are in all`, () => {
    const tickets = Array.from({ length: 12 }, (_, i) =>
      ticket(`t-${String(i + 1).padStart(2, '0')}`, `退货流程第${i + 1}问`),
    );
    const cluster = { ticketIds: tickets.map((t) => t.id), topTerms: ['退货', '流程'] };

    const draft = draftFaqArticle(cluster, tickets);

    expect(draft.exampleTicketIds).toEqual(tickets.slice(0, 10).map((t) => t.id));
    expect(draft.body).toContain('共 12 张，列出 10 张：');
    expect(draft.body).toContain('- `t-10` 退货流程第10问');
    expect(draft.body).not.toContain('t-11');
  });

  it('gives the same draft whatever the order of the tickets given', () => {
    const extra = ticket('other', '账期能否延长', '想把账期延长到60天。');
    expect(draftFaqArticle(INVOICE_CLUSTER, [extra, ...INVOICE_TICKETS].reverse())).toEqual(
      draftFaqArticle(INVOICE_CLUSTER, INVOICE_TICKETS),
    );
  });

  it('writes a subject as one line of plain text', () => {
    const tickets = [ticket('t-1', '发票\n## 标题 <b>加粗</b> *强调*'), ticket('t-2', '  ')];
    const draft = draftFaqArticle({ ticketIds: ['t-1', 't-2'], topTerms: ['发票'] }, tickets);

    expect(draft.body).toContain('- `t-1` 发票 \\#\\# 标题 \\<b\\>加粗\\</b\\> \\*强调\\*\n');
    expect(draft.body).toContain('- `t-2` （无标题）\n');
  });

  it('titles a cluster without terms plainly', () => {
    const draft = draftFaqArticle({ ticketIds: ['t-1'], topTerms: [] }, [ticket('t-1', '？')]);

    expect(draft.title).toBe('常见问题');
    expect(draft.tags).toEqual([]);
    expect(draft.body).toContain('共有 1 张工单问到这类问题。');
  });

  it('refuses a cluster whose tickets are not all given, as the listing would be wrong', () => {
    expect(() => draftFaqArticle(INVOICE_CLUSTER, INVOICE_TICKETS.slice(1))).toThrow(/t-1/);
  });
});
