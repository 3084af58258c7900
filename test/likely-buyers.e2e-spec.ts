import { SqlParams } from '../src/core/database/sql-params';
import { wallClockDay } from '../src/core/time/wall-clock';
import { LikelyBuyersRepository } from '../src/modules/insights/likely-buyers/likely-buyers.repository';
import { summariseOrderDays } from '../src/modules/insights/domain/purchase-cycle';
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

interface OrderDayRow {
  day: string;
  orderDays: number;
  firstOrderedAt: Date;
  lastOrderedAt: Date;
  medianIntervalDays: number | null;
  madDays: number | null;
  supersededAt: Date | null;
}

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

  it('bounds each score from above in SQL: exactly the sum of its positive reasons, a single order’s cycle at its most', async () => {
    const repository = app.running.app.get(LikelyBuyersRepository);
    const scope = () => ({
      asOf: new Date(),
      horizonDays: 7,
      customerScope: 'TRUE',
      params: new SqlParams(),
    });
    const bounds = new Map(
      (await repository.bounds(scope(), 100)).map((row) => [row.customerId, row.bound]),
    );
    const ranked = (await rank('limit=100', app.adminAuth)).items;
    const orderDays = new Map(
      (await repository.evidence(scope(), [...bounds.keys()])).map((row) => [
        row.customerId,
        row.orderDays,
      ]),
    );
    expect(ranked.length).toBeGreaterThanOrEqual(4);
    for (const item of ranked) {
      const bound = bounds.get(item.customerId)!;
      const positive = item.reasons
        .filter((reason) => reason.weight > 0)
        .reduce((sum, reason) => sum + reason.weight, 0);
      const positiveScore = Math.round(Math.min(1, positive) * 10_000) / 10_000;
      expect(bound).toBeGreaterThanOrEqual(item.score);
      if (orderDays.get(item.customerId) === 1) {
        expect(bound).toBeGreaterThanOrEqual(positiveScore);
      } else {
        expect(bound).toBe(positiveScore);
      }
    }
  });

  it('refuses bad parameters with 400 naming each', async () => {
    const response = await app
      .get('/insights/likely-buyers?days=0&limit=101&ownerId=x&extra=1', u.wang.auth)
      .expect(400);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['days', 'limit', 'ownerId']));
    await app.get('/insights/likely-buyers/backtest?weeks=27', u.wang.auth).expect(400);
  });

  describe('the roll-up of order days (customer_order_days)', () => {
    /** The customer's rows as the roll-up keeps them. */
    const rollup = (customerId: string) =>
      app.sql<OrderDayRow>(
        `SELECT day::text, order_days AS "orderDays", first_ordered_at AS "firstOrderedAt",
           last_ordered_at AS "lastOrderedAt",
           median_interval_days AS "medianIntervalDays", mad_days AS "madDays",
           superseded_at AS "supersededAt"
         FROM customer_order_days WHERE customer_id = $1 ORDER BY day`,
        [customerId],
      );

    /** The same rows by the model's reference, summariseOrderDays, over the orders to each day. */
    const recomputed = async (customerId: string, timezone: string): Promise<OrderDayRow[]> => {
      const orders = await app.sql<{ at: Date }>(
        'SELECT ordered_at AS at FROM orders WHERE customer_id = $1',
        [customerId],
      );
      const dayOf = (time: Date) => wallClockDay(time, timezone);
      const dayNumber = (time: Date) => Date.parse(dayOf(time)) / DAY_MS;
      const days = [...new Set(orders.map((order) => dayOf(order.at)))].sort();
      const rows = days.map((day) => {
        const upToDay = orders.map((order) => order.at).filter((at) => dayOf(at) <= day);
        const summary = summariseOrderDays(upToDay, dayNumber)!;
        const onDay = upToDay.filter((at) => dayOf(at) === day).map((at) => at.getTime());
        return {
          day,
          orderDays: summary.orderDays,
          firstOrderedAt: new Date(Math.min(...onDay)),
          lastOrderedAt: summary.lastOrderAt,
          medianIntervalDays: summary.medianIntervalDays,
          madDays: summary.madDays,
        };
      });
      // Each day is in force until the next day's first order.
      return rows.map((row, index) => ({
        ...row,
        supersededAt: rows[index + 1]?.firstOrderedAt ?? null,
      }));
    };

    const expectRecomputed = async (customerIds: string[], timezone = 'Asia/Shanghai') => {
      for (const customerId of customerIds) {
        expect(await rollup(customerId)).toEqual(await recomputed(customerId, timezone));
      }
    };

    async function setTimezone(timezone: string) {
      const settings = await app.get('/settings', app.adminAuth).expect(200);
      const { version } = settings.body as { version: number };
      await app.patch('/settings', app.adminAuth, { timezone }, version).expect(200);
    }

    /** `time` in Shanghai on the day `days` days ago; before 08:00 it is the evening before in UTC. */
    const atShanghai = (days: number, time: string) =>
      `${wallClockDay(new Date(Date.now() - days * DAY_MS), 'Asia/Shanghai')}T${time}:00+08:00`;

    it('keeps each day’s cycle as the orders to it give, in any order of arrival, moved or deleted', async () => {
      const [a, b] = [
        await book.customer('湖州乱序下单客户', u.zhao.id, 'b2b'),
        await book.customer('丽水承接订单客户', u.zhao.id, 'b2b'),
      ];
      const ids: string[] = [];
      // Out of order, and two on the day 16 days ago.
      for (const [days, time] of [
        [30, '10:00'],
        [2, '15:00'],
        [16, '09:00'],
        [44, '10:00'],
        [9, '11:00'],
        [16, '16:30'],
        [23, '10:00'],
        [51, '14:00'],
        [37, '10:00'],
      ] as const) {
        const orderedAt = atShanghai(days, time);
        ids.push(await book.order({ customerId: a, amount: '500.00', orderedAt }));
      }
      await expectRecomputed([a]);
      const [first] = await rollup(a);
      expect(first).toMatchObject({ orderDays: 1, medianIntervalDays: null, madDays: null });

      await app.sql('UPDATE orders SET customer_id = $1 WHERE id = ANY ($2)', [b, ids.slice(0, 3)]);
      await app.sql('DELETE FROM orders WHERE id = $1', [ids[4]]);
      await expectRecomputed([a, b]);
    });

    it('measures the latest 24 intervals, and follows a change of time zone', async () => {
      const customerId = await book.customer('台州长期客户', u.zhao.id, 'b2b');
      // 31 order days at 01:30 Shanghai: 16 gaps of 9 days, then 14 of 4. All 30 gaps have a
      // median of 9; the latest 24 (10 of 9, 14 of 4) one of 4.
      const ordersDaysAgo = [205];
      for (const gap of [...Array<number>(16).fill(9), ...Array<number>(14).fill(4)]) {
        ordersDaysAgo.push(ordersDaysAgo.at(-1)! - gap);
      }
      for (const days of ordersDaysAgo) {
        await book.order({ customerId, amount: '300.00', orderedAt: atShanghai(days, '01:30') });
      }
      await expectRecomputed([customerId]);
      expect((await rollup(customerId)).at(-1)).toMatchObject({
        orderDays: 31,
        medianIntervalDays: 4,
      });

      const lastOrder = new Date(atShanghai(ordersDaysAgo.at(-1)!, '01:30'));
      expect(wallClockDay(lastOrder, 'UTC')).not.toBe(wallClockDay(lastOrder, 'Asia/Shanghai'));
      await setTimezone('UTC');
      try {
        await expectRecomputed([customerId], 'UTC');
        expect((await rollup(customerId)).at(-1)!.day).toBe(wallClockDay(lastOrder, 'UTC'));
      } finally {
        await setTimezone('Asia/Shanghai');
      }
      await expectRecomputed([customerId]);

      // An earlier order on a day already kept moves only its first order, and with it the end
      // of the day before's term.
      await book.order({ customerId, amount: '300.00', orderedAt: atShanghai(205, '00:30') });
      await book.order({
        customerId,
        amount: '300.00',
        orderedAt: atShanghai(ordersDaysAgo[5], '00:30'),
      });
      await expectRecomputed([customerId]);

      // A back-dated order between two early ones rewrites every later day.
      await book.order({ customerId, amount: '300.00', orderedAt: atShanghai(200, '10:00') });
      await expectRecomputed([customerId]);
      expect((await rollup(customerId)).at(-1)).toMatchObject({ orderDays: 32 });
    });
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
