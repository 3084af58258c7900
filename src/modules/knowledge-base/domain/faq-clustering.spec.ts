import { clusterTickets, FaqSourceTicket } from './faq-clustering';

const WEEK_START = Date.UTC(2026, 10, 30, 0, 0, 0);

function ticket(id: string, hour: number, subject: string, content: string): FaqSourceTicket {
  return { id, subject, content, createdAt: new Date(WEEK_START + hour * 3_600_000) };
}

/** Invoices: the ids run against time (inv-1 is the latest), inv-2 and inv-6 were sent together. */
const INVOICE = [
  ticket(
    'inv-1',
    150,
    '增值税专用发票怎么开',
    '我们公司需要开增值税专用发票，请问开票资料要提供哪些？',
  ),
  ticket(
    'inv-2',
    120,
    '发票什么时候能开出来',
    '上周的订单已经付款了，发票什么时候可以开具？财务在催。',
  ),
  ticket('inv-3', 90, '申请开具专票', '麻烦帮忙开一张专票，抬头和税号已经发到邮箱。'),
  ticket('inv-4', 60, '发票抬头开错了', '收到的发票抬头写错了，需要重新开具发票，怎么处理？'),
  ticket('inv-5', 30, '能开电子发票吗', '可以开电子发票吗？纸质发票寄过来太慢。'),
  ticket('inv-6', 120, '发票还没收到', '上个月的发票一直没有收到，麻烦查一下发票寄出了没有。'),
];
const LEAD_TIME = [
  ticket('lead-1', 10, '订单交期查询', '上周下的订单交期是多久？什么时候能发货？'),
  ticket('lead-2', 40, '这批货什么时候发货', '合同约定月底交货，想确认一下交期有没有变化。'),
  ticket('lead-3', 70, '交期能否提前', '项目急用，这批轴承的交期能不能提前一周？'),
  ticket('lead-4', 100, '发货时间确认', '请确认订单的发货时间和预计到货日期。'),
  ticket('lead-5', 130, '交期延误怎么办', '原定的交期已经过了还没发货，请尽快给个准确交期。'),
];
const RETURNS = [
  ticket('ret-1', 20, '退货流程是什么', '收到的产品型号不对，想办理退货，退货流程是怎样的？'),
  ticket('ret-2', 50, '申请退货', '这批货质量有问题，申请退货退款，需要填什么单据？'),
  ticket('ret-3', 80, '退货运费谁承担', '如果退货的话，运费是我们承担还是你们承担？'),
  ticket('ret-4', 110, '退货多久退款', '上周已经把货退回去了，退款多久能到账？'),
  ticket('ret-5', 140, '不合格产品退货', '抽检发现一批不合格品，要求退货，请告知退货地址和流程。'),
];
/** One-off questions, several sharing a word with a topic (到货, 发, 到账). */
const NOISE = [
  ticket('noise-1', 5, '账期能否延长到60天', '我们想把账期从30天月结延长到60天。'),
  ticket('noise-2', 15, '到货包装破损', '今天到货的两箱外包装破损，里面的零件有磕碰。'),
  ticket('noise-3', 25, '系统登录不了', '业务员账号登录报错，提示密码错误。'),
  ticket('noise-4', 35, '新品价格', '下个季度新品的报价单能发一份吗？'),
  ticket('noise-5', 45, '返利怎么计算', '年度返利的计算规则是什么？'),
  ticket('noise-6', 55, '展会邀请', '下个月的行业展会你们参加吗？'),
];
const CORPUS = [...INVOICE, ...LEAD_TIME, ...RETURNS, ...NOISE];

/** Mulberry32: a seeded generator, so that a failing shuffle can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

describe('clusterTickets', () => {
  it('finds the three topics, each whole, and leaves the one-off questions out', () => {
    const clusters = clusterTickets(CORPUS);

    expect(clusters.map((cluster) => cluster.ticketIds)).toEqual([
      // The biggest first; then lead times, whose first ticket (hour 10) precedes returns' (20).
      ['inv-5', 'inv-4', 'inv-3', 'inv-2', 'inv-6', 'inv-1'],
      ['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5'],
      ['ret-1', 'ret-2', 'ret-3', 'ret-4', 'ret-5'],
    ]);
    expect(clusters.map((cluster) => cluster.topTerms[0])).toEqual(['发票', '交期', '退货']);
  });

  it('names each cluster by its topic words, heaviest first', () => {
    const [invoice, leadTime, returns] = clusterTickets(CORPUS);

    expect(invoice.topTerms).toHaveLength(5);
    expect(invoice.topTerms).toEqual(expect.arrayContaining(['发票', '开具', '抬头']));
    expect(leadTime.topTerms).toEqual(expect.arrayContaining(['交期', '发货']));
    expect(returns.topTerms).toEqual(expect.arrayContaining(['退货', '退款', '流程']));
  });

  it('gives the same clusters whatever the order of the input', () => {
    const expected = clusterTickets(CORPUS);
    for (const seed of [1, 2, 3, 42, 2026, 65537]) {
      expect(clusterTickets(shuffled(CORPUS, seed))).toEqual(expected);
    }
    expect(clusterTickets([...CORPUS].reverse())).toEqual(expected);
  });

  it('leaves the input array as it was', () => {
    const input = shuffled(CORPUS, 7);
    const before = [...input];
    clusterTickets(input);
    expect(input).toEqual(before);
  });

  it('merges nothing above a strict threshold, and unrelated questions under a lax one', () => {
    expect(clusterTickets(CORPUS, { similarityThreshold: 0.9 })).toEqual([]);

    const lax = clusterTickets(CORPUS, { similarityThreshold: 0.01 });
    const clustered = lax.flatMap((cluster) => cluster.ticketIds);
    expect(clustered.some((id) => id.startsWith('noise-'))).toBe(true);
    expect(lax.length).toBeLessThan(3);
  });

  it('keeps only the clusters of at least minClusterSize tickets', () => {
    const clusters = clusterTickets(CORPUS, { minClusterSize: 6 });
    expect(clusters.map((cluster) => cluster.ticketIds[0])).toEqual(['inv-5']);
  });

  it('puts every ticket in exactly one cluster when single tickets are kept', () => {
    const clusters = clusterTickets(CORPUS, { minClusterSize: 1 });
    const clustered = clusters.flatMap((cluster) => cluster.ticketIds);

    expect([...clustered].sort()).toEqual(CORPUS.map((t) => t.id).sort());
    expect(clusters.slice(3).every((cluster) => cluster.ticketIds.length === 1)).toBe(true);
  });

  it('reports topTermCount terms', () => {
    const clusters = clusterTickets(CORPUS, { topTermCount: 2 });
    expect(clusters.map((cluster) => cluster.topTerms)).toEqual([
      ['发票', expect.any(String)],
      ['交期', expect.any(String)],
      ['退货', expect.any(String)],
    ]);
  });

  it('gives no clusters for no tickets', () => {
    expect(clusterTickets([])).toEqual([]);
  });

  it('groups identical questions, ordering them by time then id and equal terms by term', () => {
    const same = (id: string, hour: number) =>
      ticket(id, hour, '样品怎么申请', '想申请几个样品测试。');
    const clusters = clusterTickets([...CORPUS, same('s-b', 3), same('s-a', 3), same('s-c', 1)]);

    expect(clusters).toHaveLength(4);
    // 样品 is in the subject, which counts twice; 几个 and 测试 weigh the same.
    expect(clusters[3]).toEqual({
      ticketIds: ['s-c', 's-a', 's-b'],
      topTerms: ['样品', '几个', '测试'],
    });
  });

  it('never clusters tickets without a term', () => {
    const empty = [
      ticket('e-1', 1, '', ''),
      ticket('e-2', 2, '请问', '谢谢！'),
      ticket('e-3', 3, '？', ''),
    ];
    expect(clusterTickets(empty)).toEqual([]);
  });

  it('takes the default for an option given as undefined', () => {
    expect(
      clusterTickets(CORPUS, { similarityThreshold: undefined, minClusterSize: undefined }),
    ).toEqual(clusterTickets(CORPUS));
  });

  it('rejects options out of range', () => {
    for (const options of [
      { similarityThreshold: 0 },
      { similarityThreshold: 1.5 },
      { similarityThreshold: Number.NaN },
      { minClusterSize: 0 },
      { minClusterSize: 2.5 },
      { topTermCount: 0 },
    ]) {
      expect(() => clusterTickets(CORPUS, options)).toThrow(RangeError);
    }
  });
});
