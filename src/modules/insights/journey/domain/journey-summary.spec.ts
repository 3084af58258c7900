import { clip, summarize } from './journey-summary';

describe('journey summaries', () => {
  it('writes each kind in plain Chinese, money grouped with 2 places', () => {
    expect(summarize({ kind: 'signal', facts: { type: 'web_visit', count: 3 } })).toBe(
      '信号：官网访问 3 次',
    );
    expect(
      summarize({
        kind: 'quote_version',
        facts: { number: 'Q-2026-000012', version: 2, amount: '12300' },
      }),
    ).toBe('报价 Q-2026-000012 第 2 版：¥12,300.00');
    expect(summarize({ kind: 'order', facts: { amount: '3280.00', contractNo: null } })).toBe(
      '订单 ¥3,280.00',
    );
    expect(
      summarize({ kind: 'order', facts: { amount: '4776.5', contractNo: 'HT-2026-000123' } }),
    ).toBe('订单 ¥4,776.50（合同 HT-2026-000123）');
    expect(
      summarize({ kind: 'ticket', facts: { ticketKind: 'complaint', subject: '到货破损' } }),
    ).toBe('工单（投诉）：到货破损');
    expect(
      summarize({
        kind: 'approval',
        facts: { number: 'Q-2026-000012', version: 1, role: 'finance_bp', decision: 'rejected' },
      }),
    ).toBe('审批（财务）：驳回报价 Q-2026-000012 第 1 版');
  });

  it('names a follow-up’s objections in the dictionary’s order, else starts its minutes', () => {
    expect(
      summarize({
        kind: 'follow_up',
        facts: { channel: 'visit', minutes: '上门拜访', objections: ['delivery', 'price'] },
      }),
    ).toBe('跟进（拜访）：客户提到价格、交期异议');
    expect(
      summarize({
        kind: 'follow_up',
        facts: { channel: 'wechat', minutes: '发送了产品手册', objections: [] },
      }),
    ).toBe('跟进（微信）：发送了产品手册');
  });

  it('tells a submission that needs approval from one that does not, and gives a loss its reason', () => {
    const submitted = { event: 'submitted', number: 'Q-1', version: 2 } as const;
    expect(summarize({ kind: 'quote', facts: { ...submitted, approvalRequired: true } })).toBe(
      '报价 Q-1 第 2 版提交审批',
    );
    expect(summarize({ kind: 'quote', facts: { ...submitted, approvalRequired: false } })).toBe(
      '报价 Q-1 第 2 版提交，无需审批',
    );
    expect(
      summarize({ kind: 'quote', facts: { event: 'lost', number: 'Q-1', reason: '选了竞品' } }),
    ).toBe('报价 Q-1 丢单：选了竞品');
  });

  it('clips free text to 40 characters on one line, counting characters not UTF-16 units', () => {
    expect(clip('第一行\n  第二行')).toBe('第一行 第二行');
    expect(clip('😀'.repeat(41))).toBe(`${'😀'.repeat(40)}…`);
    expect(clip('价'.repeat(40))).toBe('价'.repeat(40));
  });

  it('shows a code it has no label for as it is', () => {
    expect(summarize({ kind: 'signal', facts: { type: 'app_open', count: 1 } })).toBe(
      '信号：app_open 1 次',
    );
  });
});
