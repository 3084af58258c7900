import { randomUUID } from 'node:crypto';
import { BookFactory, EastRegion, OrgFactory } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

interface JourneyItem {
  at: string;
  kind: string;
  summary: string;
  refId: string;
}
interface JourneyPage {
  items: JourneyItem[];
  nextCursor: string | null;
}

const DAY_MS = 86_400_000;

/**
 * One customer of rep wang, from a website visit to a signed contract and a
 * complaint, built through the API. The timed sources (signal, inquiry,
 * follow-up, reported order) lie days back; the quote trail happens now, in
 * the order it is made, so the expected timeline is known exactly. The
 * route's query count is fixed by construction (journey.service.ts: the
 * scope check, then one UNION ALL), so it is not measured here.
 */
describe('customer journey', () => {
  let app: TestApp;
  let u: EastRegion;
  let customerId: string;
  let bearing: TestProduct;
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
  const times = {
    signal: daysAgo(5),
    inquiry: daysAgo(4),
    followUp: daysAgo(3),
    order: daysAgo(2),
  };
  const ids: Record<string, string> = {};

  const journey = async (auth: string, query = '') =>
    (await app.get(`/customers/${customerId}/journey${query}`, auth).expect(200))
      .body as JourneyPage;
  const createQuote = async (unitPrice: string) =>
    (
      (
        await app
          .post('/quotes', u.wang.auth, {
            customerId,
            lines: [{ productId: bearing.id, qty: 120, unitPrice }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    const quotes = new QuoteFactory(app);
    bearing = await quotes.product();
    customerId = await quotes.customer(u.wang.auth);

    await app
      .post('/signals', app.adminAuth, {
        signals: [{ customerId, type: 'web_visit', count: 3, at: times.signal }],
      })
      .expect(200);
    await app
      .post('/inquiries', u.wang.auth, {
        customerId,
        channel: 'phone',
        receivedAt: times.inquiry,
        content: '想了解 6205 轴承的批量价格和交期',
      })
      .expect(201);
    await app
      .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
        channel: 'wechat',
        occurredAt: times.followUp,
        summary: '客户觉得价格偏贵，交期也要再确认。',
        nextTouchAt: daysAgo(-2),
      })
      .expect(201);
    ids.reportedOrder = await new BookFactory(app).order({
      customerId,
      amount: '3280.00',
      orderedAt: times.order,
    });

    // A discounted quote, edited to version 2, submitted, its first step approved.
    ids.discounted = await createQuote('39.80');
    await app.patch(`/quotes/${ids.discounted}`, u.wang.auth, { note: '改为月结' }, 1).expect(200);
    await app.post(`/quotes/${ids.discounted}/submit`, u.wang.auth).expect(200);
    const chain = (await app.get(`/quotes/${ids.discounted}/approval`, u.wang.auth).expect(200))
      .body as { steps: { id: string }[] };
    ids.step = chain.steps[0].id;
    await app.post(`/approvals/${ids.step}/approve`, u.li.auth, {}).expect(200);

    // A quote at list price: approved on submit, then signed (which records its order).
    ids.listPrice = await createQuote('42.00');
    await app.post(`/quotes/${ids.listPrice}/submit`, u.wang.auth).expect(200);
    const contract = await app
      .post(`/quotes/${ids.listPrice}/contract`, u.wang.auth, {})
      .expect(201);
    ids.contract = (contract.body as { id: string }).id;

    await app
      .post('/tickets', u.wang.auth, {
        customerId,
        kind: 'complaint',
        subject: '到货破损',
        content: '三箱轴承外箱破损受潮',
      })
      .expect(201);
  });
  afterAll(() => app.close());

  it('tells the whole history newest first, one item per event, summed up in Chinese', async () => {
    const { items, nextCursor } = await journey(u.wang.auth);
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.kind)).toEqual([
      'ticket',
      'order', // the signed contract's order: same instant, and `order` sorts after `contract`
      'contract',
      'quote',
      'quote_version',
      'approval',
      'quote',
      'quote_version',
      'quote_version',
      'order',
      'follow_up',
      'inquiry',
      'signal',
    ]);
    const ats = items.map((item) => Date.parse(item.at));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    const summaries = items.map((item) => item.summary);
    expect(summaries[0]).toBe('工单（投诉）：到货破损');
    expect(summaries[1]).toMatch(/^订单 ¥5,040\.00（合同 HT-\d{4}-\d+）$/);
    expect(summaries[2]).toMatch(/^合同 HT-\d{4}-\d+ 签订：¥5,040\.00（报价 Q-\d{4}-\d+）$/);
    expect(summaries[3]).toMatch(/^报价 Q-\d{4}-\d+ 第 1 版提交，无需审批$/);
    expect(summaries[5]).toMatch(/^审批（主管）：通过报价 Q-\d{4}-\d+ 第 2 版$/);
    expect(summaries[6]).toMatch(/^报价 Q-\d{4}-\d+ 第 2 版提交审批$/);
    expect(summaries[7]).toMatch(/^报价 Q-\d{4}-\d+ 第 2 版：¥4,776\.00$/);
    expect(summaries.slice(9)).toEqual([
      '订单 ¥3,280.00',
      '跟进（微信）：客户提到价格、交期异议',
      '询盘（电话）：想了解 6205 轴承的批量价格和交期',
      '信号：官网访问 3 次',
    ]);
  });

  it('points each item at its record: a version and a submission at their quote', async () => {
    const { items } = await journey(u.wang.auth);
    expect(items.map((item) => item.refId)).toEqual([
      expect.any(String),
      expect.any(String),
      ids.contract,
      ids.listPrice,
      ids.listPrice,
      ids.step,
      ids.discounted,
      ids.discounted,
      ids.discounted,
      ids.reportedOrder,
      expect.any(String),
      expect.any(String),
      expect.stringMatching(/^\d+$/),
    ]);
  });

  it('keeps to the half-open window [from, to), given with offsets', async () => {
    const window = (from: string, to: string) =>
      `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const { items } = await journey(u.wang.auth, window(times.followUp, times.order));
    expect(items.map((item) => item.kind)).toEqual(['follow_up']);
    const beijing = new Date(Date.parse(times.inquiry) + 8 * 3_600_000)
      .toISOString()
      .replace('Z', '+08:00');
    const fromInquiry = await journey(u.wang.auth, window(beijing, times.order));
    expect(fromInquiry.items.map((item) => item.kind)).toEqual(['follow_up', 'inquiry']);
  });

  it('pages by cursor without losing or repeating an item', async () => {
    const all = (await journey(u.wang.auth)).items;
    const paged: JourneyItem[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `?limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await journey(u.wang.auth, query);
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all);
    const forged = await app
      .get(`/customers/${customerId}/journey?cursor=bm90LWEtY3Vyc29y`, u.wang.auth)
      .expect(400);
    expect(forged.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('answers the owner’s supervisor, and 404 to another team’s rep or for an unknown customer', async () => {
    expect((await journey(u.li.auth)).items).toHaveLength(13);
    await app.get(`/customers/${customerId}/journey`, u.liu.auth).expect(404);
    await app.get(`/customers/${randomUUID()}/journey`, u.wang.auth).expect(404);
  });

  it('refuses a time without an offset, and a `to` not after `from`, with 400 naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const response = await app
        .get(`/customers/${customerId}/journey${query}`, u.wang.auth)
        .expect(400);
      expect((response.body as { errors: { field: string }[] }).errors).toEqual([
        expect.objectContaining({ field }),
      ]);
    };
    await bad('?from=2026-12-01T08:00:00', 'from');
    await bad(`?from=${times.order}&to=${times.order}`, 'to');
  });
});
