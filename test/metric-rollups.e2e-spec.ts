import { RollupCompactionService } from '../src/modules/metrics/rollups/rollup-compaction.service';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The metrics' roll-ups (migration CreateMetricRollups, docs/metrics.md):
 * after writes through the API, writes an ops script might make (updates and
 * deletes the API never makes), concurrent writers, a change of time zone
 * and a compaction, each roll-up equals its recomputation from the source
 * tables.
 */
const TIME_ZONE = `coalesce((SELECT values->>'timezone' FROM organisation_settings WHERE id = 1), 'Asia/Shanghai')`;

/** Rows of `a` not in `b` and of `b` not in `a`: empty when the two queries agree. */
const differenceSql = (a: string, b: string) =>
  `(${a} EXCEPT ALL ${b}) UNION ALL (${b} EXCEPT ALL ${a})`;

const INQUIRIES_DIFFERENCE = differenceSql(
  `SELECT i.id, i.customer_id, c.owner_id, i.received_at,
     (extract(epoch FROM (SELECT min(f.occurred_at) FROM follow_ups f
       WHERE f.customer_id = i.customer_id AND f.occurred_at >= i.received_at) - i.received_at)
      * 1000)::bigint
   FROM inquiries i JOIN customers c ON c.id = i.customer_id`,
  `SELECT inquiry_id, customer_id, owner_id, received_at, response_ms FROM inquiry_responses`,
);

const ORDERS_DIFFERENCE = differenceSql(
  `SELECT (o.ordered_at AT TIME ZONE ${TIME_ZONE})::date, c.owner_id, count(*)::int, sum(o.amount)
   FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.owner_id IS NOT NULL GROUP BY 1, 2`,
  `SELECT day, owner_id, sum(orders)::int, sum(revenue) FROM owner_day_orders
   GROUP BY 1, 2 HAVING sum(orders) <> 0 OR sum(revenue) <> 0`,
);

const OBLIGATIONS_DIFFERENCE = differenceSql(
  `SELECT (due_at AT TIME ZONE ${TIME_ZONE})::date, owner_id, count(*)::int,
     count(*) FILTER (WHERE fulfilled_at IS NOT NULL)::int
   FROM follow_up_obligations GROUP BY 1, 2`,
  `SELECT day, owner_id, sum(due)::int, sum(fulfilled)::int FROM owner_day_obligations
   GROUP BY 1, 2 HAVING sum(due) <> 0 OR sum(fulfilled) <> 0`,
);

const MINUTE = 60_000;
const at = (minutes: number) =>
  new Date(Date.parse('2026-11-03T10:00:00+08:00') + minutes * MINUTE);

describe('metric roll-ups', () => {
  let app: TestApp;
  let u: EastRegion;
  let phone = 13857100000;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  async function customer(owner: TestUser): Promise<string> {
    const response = await app
      .post('/customers', owner.auth, { name: `汇总客户${++phone}`, phone: String(phone) })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function inquire(author: TestUser, customerId: string, minutes: number) {
    const response = await app
      .post('/inquiries', author.auth, {
        customerId,
        channel: 'phone',
        receivedAt: at(minutes).toISOString(),
        content: '电话询价：6205 轴承 500 套，问交期。',
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  /** A touch, with its next step an hour later (the evidence rule asks for one). */
  async function followUp(author: TestUser, customerId: string, minutes: number) {
    const response = await app
      .post(`/customers/${customerId}/follow-ups`, author.auth, {
        channel: 'wechat',
        occurredAt: at(minutes).toISOString(),
        summary: '微信回复询价，确认数量与交期，约定下周送样。',
        nextTouchAt: at(minutes + 60).toISOString(),
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function order(customerId: string, amount: string, minutes: number) {
    await app
      .post('/orders', app.adminAuth, { customerId, amount, orderedAt: at(minutes).toISOString() })
      .expect(201);
  }

  /** The inquiry's response time in minutes, or null while unanswered. */
  const firstResponse = async (inquiryId: string) =>
    (
      await app.sql<{ minutes: number | null }>(
        'SELECT (response_ms / 60000.0)::float8 AS minutes FROM inquiry_responses WHERE inquiry_id = $1',
        [inquiryId],
      )
    )[0].minutes;

  async function setTimezone(timezone: string) {
    const settings = await app.get('/settings', app.adminAuth).expect(200);
    const { version } = settings.body as { version: number };
    await app.patch('/settings', app.adminAuth, { timezone }, version).expect(200);
  }

  const expectAllEqualRecomputed = async () => {
    expect(await app.sql(INQUIRIES_DIFFERENCE)).toEqual([]);
    expect(await app.sql(ORDERS_DIFFERENCE)).toEqual([]);
    expect(await app.sql(OBLIGATIONS_DIFFERENCE)).toEqual([]);
  };

  it('keeps an inquiry’s first response through answers, back-dated answers, moves and deletes', async () => {
    const customerId = await customer(u.wang);
    const touchedBefore = await followUp(u.wang, customerId, -30);
    const inquiryId = await inquire(u.wang, customerId, 0);
    expect(await firstResponse(inquiryId)).toBeNull();

    const later = await followUp(u.wang, customerId, 40);
    expect(await firstResponse(inquiryId)).toBe(40);
    const earlier = await followUp(u.wang, customerId, 12);
    expect(await firstResponse(inquiryId)).toBe(12);
    // An inquiry recorded after its answer finds it when written.
    const second = await inquire(u.wang, customerId, 5);
    expect(await firstResponse(second)).toBe(7);

    // What an ops script might do: move a touch before the inquiry, delete one.
    await app.sql('UPDATE follow_ups SET occurred_at = $2 WHERE id = $1', [earlier, at(-10)]);
    expect(await firstResponse(inquiryId)).toBe(40);
    await app.sql('DELETE FROM follow_ups WHERE id = ANY ($1)', [[later, touchedBefore]]);
    expect(await firstResponse(inquiryId)).toBeNull();
    await expectAllEqualRecomputed();
  });

  it('moves orders and inquiries with their customer, through deletes and a change of time zone', async () => {
    const kept = await customer(u.zhao);
    const handedOver = await customer(u.zhao);
    await order(kept, '1200.00', 0);
    await inquire(u.zhao, kept, 0);
    await inquire(u.zhao, handedOver, 0);
    await order(handedOver, '800.50', 0);
    // 00:30 on 4 November in Shanghai is 16:30 UTC on 3 November: a change of zone moves its day.
    await order(kept, '66.00', 14 * 60 + 30);
    await order(handedOver, '99.50', 14 * 60 + 30);
    await app
      .post(`/customers/${handedOver}/transfer`, u.li.auth, { toUserId: u.wang.id })
      .expect(200);
    await app
      .post(`/users/${u.zhao.id}/handover`, app.adminAuth, { toUserId: u.liu.id })
      .expect(200);
    await app.sql(
      `DELETE FROM orders WHERE id = (SELECT id FROM orders WHERE customer_id = $1 AND amount = 99.50)`,
      [handedOver],
    );
    await expectAllEqualRecomputed();

    await setTimezone('UTC');
    await expectAllEqualRecomputed();
    await setTimezone('Asia/Shanghai');
    await expectAllEqualRecomputed();
  });

  it('counts obligations due and fulfilled per due day and owner', async () => {
    const customerId = await customer(u.liu);
    await followUp(u.liu, customerId, 0);
    await followUp(u.liu, customerId, 30); // fulfils the first, promises again
    await expectAllEqualRecomputed();
    const [{ due, fulfilled }] = await app.sql<{ due: number; fulfilled: number }>(
      `SELECT sum(due)::int AS due, sum(fulfilled)::int AS fulfilled
       FROM owner_day_obligations WHERE owner_id = $1`,
      [u.liu.id],
    );
    expect({ due, fulfilled }).toEqual({ due: 2, fulfilled: 1 });
  });

  it('leaves out of compliance an obligation still in its grace, and counts it once kept', async () => {
    const customerId = await customer(u.liu);
    const touch = (occurredAt: number) =>
      app
        .post(`/customers/${customerId}/follow-ups`, u.liu.auth, {
          channel: 'wechat',
          occurredAt: new Date(occurredAt).toISOString(),
          summary: '微信确认样品已收到，约定明天回访。',
          nextTouchAt: new Date(occurredAt + MINUTE).toISOString(),
        })
        .expect(201);
    // Yesterday to tomorrow in Shanghai: whatever the hour, the promises below fall inside.
    const day = (offsetDays: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const compliance = async () =>
      (
        await app
          .get(`/metrics/compliance?from=${day(-1)}&to=${day(1)}&groupBy=rep`, u.liu.auth)
          .expect(200)
      ).body as { due: number; fulfilled: number };

    await touch(Date.now() - 3 * MINUTE); // due a minute later, its 24 h grace still running
    expect(await compliance()).toMatchObject({ due: 0, fulfilled: 0 });
    await touch(Date.now()); // keeps it, and promises again
    expect(await compliance()).toMatchObject({ due: 1, fulfilled: 1 });
  });

  it('stays exact under concurrent answers, inquiries and orders on one customer', async () => {
    const customerId = await customer(u.wang);
    await Promise.all([
      ...[0, 10, 20, 30].map((minutes) => inquire(u.wang, customerId, minutes)),
      ...[5, 15, 25, 35].map((minutes) => followUp(u.wang, customerId, minutes)),
      ...[1, 2, 3].map((minutes) => order(customerId, '10.00', minutes)),
    ]);
    await expectAllEqualRecomputed();
  });

  it('compacts each key’s delta rows into one without changing a sum', async () => {
    const compaction = app.running.app.get(RollupCompactionService);
    const keys = async (table: string) =>
      (
        await app.sql<{ rows: number; keys: number }>(
          `SELECT count(*)::int AS rows, count(DISTINCT (day, owner_id))::int AS keys FROM ${table}`,
        )
      )[0];
    const before = await keys('owner_day_orders');
    expect(before.rows).toBeGreaterThan(before.keys);
    const result = await compaction.run();
    expect(result.owner_day_orders.folded).toBeGreaterThan(0);
    const after = await keys('owner_day_orders');
    expect(after.rows).toBe(after.keys);
    expect((await keys('owner_day_obligations')).rows).toBe(
      (await keys('owner_day_obligations')).keys,
    );
    await expectAllEqualRecomputed();
    expect(await compaction.run()).toEqual({
      owner_day_orders: { folded: 0, written: 0 },
      owner_day_obligations: { folded: 0, written: 0 },
    });
  });
});
