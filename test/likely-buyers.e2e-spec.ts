import { wallClockDay } from '../src/core/time/wall-clock';
import { isoWeekOf } from '../src/modules/metrics/domain/iso-week';
import { BookFactory, EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;

interface Reason {
  code: string;
  text: string;
  weight: number;
}
interface LikelyBuyer {
  customerId: string;
  name: string;
  ownerId: string;
  score: number;
  expectedOrderDate: string | null;
  reasons: Reason[];
}
interface Ranking {
  generatedAt: string;
  horizonDays: number;
  items: LikelyBuyer[];
}
interface Backtest {
  k: number;
  weeks: { week: string; precisionAtK: number; baselinePrecisionAtK: number; buyers: number }[];
  meanPrecisionAtK: number;
  meanBaselinePrecisionAtK: number;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe('likely buyers and their backtest (API.md §11)', () => {
  let app: TestApp;
  let u: EastRegion;
  let book: BookFactory;
  const customers: Record<string, string> = {};

  /** A customer of `ownerId` with an order of ¥1,000 on each of these days ago. */
  const buyer = async (name: string, ownerId: string, orderDaysAgo: number[]) => {
    const customerId = await book.customer(name, ownerId, 'b2b');
    for (const days of orderDaysAgo) {
      await book.order({ customerId, amount: '1000.00', orderedAt: daysAgo(days) });
    }
    customers[name] = customerId;
    return customerId;
  };
  const rank = async (query: string, auth: string) =>
    (await app.get(`/insights/likely-buyers?${query}`, auth).expect(200)).body as Ranking;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    book = new BookFactory(app);
    // wang's book: a strict 14-day buyer due in 3 days, an irregular one, one gone quiet.
    await buyer('杭州精工轴承', u.wang.id, [11, 25, 39, 53, 67, 81]);
    await buyer('宁波随缘五金', u.wang.id, [11, 14, 54, 60, 88, 93]);
    await buyer('绍兴久未联系机电', u.wang.id, [60, 74, 88, 102, 116]);
    await buyer('嘉兴一次性客户', u.wang.id, [2]);
    await buyer('温州赵氏阀门', u.zhao.id, [11, 25, 39, 53]);
  });
  afterAll(() => app.close());

  it('puts the strict buyer due in 3 days first, above the irregular one, with reasons in Chinese', async () => {
    const ranking = await rank('days=7&limit=10', u.wang.auth);
    expect(ranking.horizonDays).toBe(7);
    const names = ranking.items.map((item) => item.name);
    expect(names[0]).toBe('杭州精工轴承');
    expect(names.indexOf('宁波随缘五金')).toBeGreaterThan(0);
    const [top] = ranking.items;
    expect(top).toMatchObject({ customerId: customers['杭州精工轴承'], ownerId: u.wang.id });
    expect(top.expectedOrderDate).toBe(
      wallClockDay(new Date(Date.now() + 3 * DAY_MS), 'Asia/Shanghai'),
    );
    expect(top.reasons[0]).toMatchObject({
      code: 'cycle_due',
      text: '按平均 14 天的采购周期，预计 3 天后下单',
    });
    for (const item of ranking.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
      const sum = item.reasons.reduce((total, reason) => total + reason.weight, 0);
      expect(item.score).toBeCloseTo(Math.min(1, Math.max(0, sum)), 3);
    }
  });

  it('lets the customer silent for 60 days fall out of the ranking, and keeps the limit', async () => {
    const names = (await rank('days=7&limit=10', u.wang.auth)).items.map((item) => item.name);
    expect(names).not.toContain('绍兴久未联系机电');
    expect((await rank('limit=1', u.wang.auth)).items.map((item) => item.name)).toEqual([
      '杭州精工轴承',
    ]);
  });

  it('raises a customer whose signals grow, and says so', async () => {
    const before = (await rank('limit=10', u.wang.auth)).items.find(
      (item) => item.name === '宁波随缘五金',
    )!;
    await app
      .post('/signals', app.adminAuth, {
        signals: [
          { customerId: customers['宁波随缘五金'], type: 'web_visit', count: 2, at: daysAgo(10) },
          { customerId: customers['宁波随缘五金'], type: 'web_visit', count: 5, at: daysAgo(1) },
        ],
      })
      .expect(200);
    const after = (await rank('limit=10', u.wang.auth)).items.find(
      (item) => item.name === '宁波随缘五金',
    )!;
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons).toContainEqual(
      expect.objectContaining({
        code: 'signals_growing',
        text: '近 7 天互动信号增长 150%（2 → 5 次）',
      }),
    );
  });

  it('ranks within the caller’s scope: a rep sees its own, the supervisor both reps’, ownerId narrows', async () => {
    const wangs = (await rank('limit=100', u.wang.auth)).items.map((item) => item.ownerId);
    expect(new Set(wangs)).toEqual(new Set([u.wang.id]));
    const lis = (await rank('limit=100', u.li.auth)).items.map((item) => item.name);
    expect(lis).toEqual(expect.arrayContaining(['杭州精工轴承', '温州赵氏阀门']));
    const zhaos = (await rank(`limit=100&ownerId=${u.zhao.id}`, u.li.auth)).items;
    expect(zhaos.map((item) => item.name)).toEqual(['温州赵氏阀门']);
    expect((await rank(`ownerId=${u.zhao.id}`, u.wang.auth)).items).toEqual([]);
  });

  it('refuses bad parameters with 400 naming each', async () => {
    const response = await app
      .get('/insights/likely-buyers?days=0&limit=101&ownerId=x&extra=1', u.wang.auth)
      .expect(400);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['days', 'limit', 'ownerId']));
    await app.get('/insights/likely-buyers/backtest?weeks=27', u.wang.auth).expect(400);
  });

  it('beats the recency baseline on a history of two alternating 14-day groups', async () => {
    // sun's reps' team: A orders in even weeks back, B in odd ones, on Wednesdays 10:00 Shanghai.
    // A week's buyers are the group due; the baseline picks who ordered last week, who is not.
    const monday = Date.parse(
      `${isoWeekOf(wallClockDay(new Date(), 'Asia/Shanghai')).from}T00:00:00+08:00`,
    );
    const wednesdayOfWeeksBack = (weeks: number) =>
      new Date(monday - weeks * 7 * DAY_MS + 2 * DAY_MS + 10 * 3_600_000).toISOString();
    for (const [group, weeksBack] of [
      ['A', [10, 8, 6, 4, 2]],
      ['B', [9, 7, 5, 3, 1]],
    ] as const) {
      for (const n of [1, 2, 3]) {
        const customerId = await book.customer(`${group}组客户${n}`, u.liu.id, 'b2b');
        for (const weeks of weeksBack) {
          await book.order({
            customerId,
            amount: '800.00',
            orderedAt: wednesdayOfWeeksBack(weeks),
          });
        }
      }
    }
    const backtest = (
      await app.get('/insights/likely-buyers/backtest?weeks=4&limit=3', u.liu.auth).expect(200)
    ).body as Backtest;
    expect(backtest.k).toBe(3);
    expect(backtest.weeks).toHaveLength(4);
    for (const week of backtest.weeks) {
      expect(week).toMatchObject({ precisionAtK: 1, baselinePrecisionAtK: 0, buyers: 3 });
    }
    expect(backtest.meanPrecisionAtK).toBe(1);
    expect(backtest.meanBaselinePrecisionAtK).toBe(0);
  });
});
