import type { Role } from '../src/core/auth/roles';
import {
  lastCompleteWeek,
  parseIsoWeek,
  weeksBefore,
} from '../src/modules/metrics/domain/iso-week';
import { HeatmapDemoSeeder } from '../src/modules/metrics/heatmap/heatmap.demo-seeder';
import { RepurchaseDemoSeeder } from '../src/modules/metrics/repurchase/repurchase.demo-seeder';
import { RepurchaseService } from '../src/modules/metrics/repurchase/repurchase.service';
import { BookFactory, OrgFactory, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Row {
  orgUnitId: string;
  name: string;
  base: number;
  repurchased: number;
  ratePct: number | null;
}

interface Repurchase {
  week: string;
  from: string;
  to: string;
  groupBy: string;
  rows: Row[];
  definition: string;
}

/**
 * Week 2026-W45 runs 2026-11-02 00:00 to 2026-11-09 00:00 in Asia/Shanghai
 * (2026-11-01T16:00Z to 2026-11-08T16:00Z); its base period is the 4 weeks
 * before, from 2026-10-05 00:00 (2026-10-04T16:00Z).
 *
 * 朝阳店: 10 base customers; 6 reorder there in the week → 60 %.
 * 海淀店: 4 base customers; 3 reorder → 75 %. 通州店: no base → null.
 */
describe('repurchase rate (API.md §8)', () => {
  let app: TestApp;
  let chaoyang: string;
  let haidian: string;
  let tongzhou: string;
  let sunli: TestUser;
  let qianjin: TestUser;

  let org: OrgFactory;
  let book: BookFactory;
  const unit = (name: string, type: 'region' | 'store', parentId?: string) =>
    org.orgUnit({ name, type, parentId });
  const person = (displayName: string, roles: Role[], orgUnitId: string) =>
    org.user({ displayName, roles, orgUnitId });
  const customer = (name: string, ownerId: string) => book.customer(name, ownerId);
  const order = async (customerId: string, orderedAt: string, storeId?: string) => {
    await book.order({ customerId, amount: '88.00', orderedAt, storeId });
  };
  const repurchase = async (week: string, auth = app.adminAuth) =>
    (await app.get(`/metrics/repurchase?week=${week}&groupBy=store`, auth).expect(200))
      .body as Repurchase;

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
    book = new BookFactory(app);
    const region = await unit('华北大区', 'region');
    chaoyang = await unit('朝阳店', 'store', region);
    haidian = await unit('海淀店', 'store', region);
    tongzhou = await unit('通州店', 'store', region);
    sunli = await person('孙丽', ['rep'], chaoyang);
    qianjin = await person('钱进', ['rep'], haidian);

    const c: string[] = [];
    for (let i = 1; i <= 12; i++) c[i] = await customer(`朝阳会员${i}号`, sunli.id);
    // Base orders at 朝阳店: c1 at the base period's first instant, c2 twice, c3 … c10 in mid-October.
    await order(c[1], '2026-10-05T00:00:00+08:00', chaoyang);
    await order(c[2], '2026-10-12T10:00:00+08:00', chaoyang);
    await order(c[2], '2026-10-20T10:00:00+08:00', chaoyang);
    for (let i = 3; i <= 10; i++) await order(c[i], `2026-10-${10 + i}T12:00:00+08:00`, chaoyang);
    // c11's order is a minute before the base period (2026-10-04T15:59Z): not in the base.
    await order(c[11], '2026-10-04T23:59:00+08:00', chaoyang);

    // The week. c1 reorders at its first instant (still 1 November in UTC); c2 twice.
    await order(c[1], '2026-11-02T00:00:00+08:00', chaoyang);
    await order(c[2], '2026-11-03T09:00:00+08:00', chaoyang);
    await order(c[2], '2026-11-04T09:00:00+08:00', chaoyang);
    for (let i = 3; i <= 6; i++) await order(c[i], `2026-11-0${i + 2}T18:00:00+08:00`, chaoyang);
    // c7 reorders at another store, c8 a week later (2026-11-08T16:00Z), c9 with no store.
    await order(c[7], '2026-11-05T10:00:00+08:00', haidian);
    await order(c[8], '2026-11-09T00:00:00+08:00', chaoyang);
    await order(c[9], '2026-11-06T10:00:00+08:00');
    // c11 (no base) and c12 (new) order in the week: neither counts.
    await order(c[11], '2026-11-03T10:00:00+08:00', chaoyang);
    await order(c[12], '2026-11-03T11:00:00+08:00', chaoyang);

    const d: string[] = [];
    for (let i = 1; i <= 4; i++) d[i] = await customer(`海淀客户${i}号`, qianjin.id);
    await order(d[1], '2026-10-08T10:00:00+08:00', haidian);
    await order(d[2], '2026-10-15T10:00:00+08:00', haidian);
    await order(d[3], '2026-10-22T10:00:00+08:00', haidian);
    // d4 at the base period's last minute (2026-11-01T15:59Z).
    await order(d[4], '2026-11-01T23:59:00+08:00', haidian);
    await order(d[1], '2026-11-08T23:59:00+08:00', haidian);
    await order(d[2], '2026-11-07T10:00:00+08:00', haidian);
    await order(d[4], '2026-11-02T08:00:00+08:00', haidian);
  });
  afterAll(() => app.close());

  const rowOf = (body: Repurchase, id: string) => body.rows.find((row) => row.orgUnitId === id);

  it('gives each store its base, its repurchases and the rate; a store with no base has none', async () => {
    const body = await repurchase('2026-W45');
    expect(body).toMatchObject({
      week: '2026-W45',
      from: '2026-11-02',
      to: '2026-11-09',
      groupBy: 'store',
    });
    expect(body.rows).toHaveLength(3);
    expect(rowOf(body, chaoyang)).toEqual({
      orgUnitId: chaoyang,
      name: '朝阳店',
      base: 10,
      repurchased: 6,
      ratePct: 60,
    });
    expect(rowOf(body, haidian)).toEqual({
      orgUnitId: haidian,
      name: '海淀店',
      base: 4,
      repurchased: 3,
      ratePct: 75,
    });
    expect(rowOf(body, tongzhou)).toEqual({
      orgUnitId: tongzhou,
      name: '通州店',
      base: 0,
      repurchased: 0,
      ratePct: null,
    });
    expect(body.definition).toContain('4 weeks');
  });

  it('counts weeks in Asia/Shanghai: the week before, W44, has its own base and reorders', async () => {
    // W44: 2026-10-26 … 2026-11-02; its base period 2026-09-28 … 2026-10-26.
    const body = await repurchase('2026-W44');
    // Base (orders from 09-28 to 10-26 at 朝阳店): c1 (10-05), c2 (10-12, 10-20), c3 … c10
    // (10-13 … 10-20), c11 (10-04) → 11. In W44 (10-26 … 11-02) none of them orders at 朝阳店.
    expect(rowOf(body, chaoyang)).toMatchObject({ base: 11, repurchased: 0, ratePct: 0 });
    // 海淀店: d1, d2, d3 in the base; d4's order at 11-01 23:59 falls in W44, but d4 had no base order.
    expect(rowOf(body, haidian)).toMatchObject({ base: 3, repurchased: 0, ratePct: 0 });
  });

  it('counts only the customers in the caller’s scope; others get only their stores', async () => {
    const qian = await repurchase('2026-W45', qianjin.auth);
    expect(qian.rows).toEqual([
      { orgUnitId: haidian, name: '海淀店', base: 4, repurchased: 3, ratePct: 75 },
    ]);
    const sun = await repurchase('2026-W45', sunli.auth);
    expect(sun.rows).toEqual([
      { orgUnitId: chaoyang, name: '朝阳店', base: 10, repurchased: 6, ratePct: 60 },
    ]);
  });

  it('exposes byStore for the alert rules: every store, every customer', async () => {
    const rows = await app.running.app.get(RepurchaseService).byStore(parseIsoWeek('2026-W45')!);
    expect(rows).toEqual(
      expect.arrayContaining([
        { orgUnitId: chaoyang, name: '朝阳店', base: 10, repurchased: 6, ratePct: 60 },
        { orgUnitId: haidian, name: '海淀店', base: 4, repurchased: 3, ratePct: 75 },
        { orgUnitId: tongzhou, name: '通州店', base: 0, repurchased: 0, ratePct: null },
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('400 for a week that does not exist, a missing week or another grouping', async () => {
    const missing = await app
      .get('/metrics/repurchase?week=2026-W54&groupBy=store', app.adminAuth)
      .expect(400);
    expect(missing.body).toMatchObject({ errors: [{ field: 'week' }] });
    await app.get('/metrics/repurchase?groupBy=store', app.adminAuth).expect(400);
    await app.get('/metrics/repurchase?week=2026-W45&groupBy=team', app.adminAuth).expect(400);
    await app.get('/metrics/repurchase?week=2026-W45', app.adminAuth).expect(400);
  });
});

describe('metrics demo data (DEMO_DATA=1)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  /** The last complete ISO week in Asia/Shanghai, the demo's zone. */
  const lastWeek = () => lastCompleteWeek(new Date(), 'Asia/Shanghai');

  it('has 西湖烘焙店 above 65 % and 滨江烘焙店 below it, last week and the week before', async () => {
    const director = await app.login('chen.director', 'demo-password-2026');
    for (const week of [lastWeek(), weeksBefore(lastWeek(), 1)[0]]) {
      const body = (
        await app.get(`/metrics/repurchase?week=${week.week}&groupBy=store`, director).expect(200)
      ).body as Repurchase;
      const rate = (name: string) => body.rows.find((row) => row.name === name)?.ratePct;
      expect(rate('西湖烘焙店')).toBeGreaterThan(65);
      expect(rate('滨江烘焙店')).toBe(50);
    }
  });

  it('alerts 滨江烘焙店’s manager about last week, copied to the ops director (AlertsDemoSeeder)', async () => {
    const title = `滨江烘焙店 ${lastWeek().week} 周复购率 50.00% 低于 65%`;
    const manager = await app.login('he.store', 'demo-password-2026');
    const todos = (await app.get('/todos?type=alert', manager).expect(200)).body as {
      items: { title: string; payload: { playbook: unknown } }[];
    };
    expect(todos.items.map((todo) => todo.title)).toEqual([title]);
    expect(todos.items[0].payload.playbook).not.toBeNull();
    const ops = await app.login('qian.ops', 'demo-password-2026');
    const inbox = (await app.get('/notifications?type=alert', ops).expect(200)).body as {
      items: { title: string }[];
    };
    expect(inbox.items.map((n) => n.title)).toContain(title);
    const other = await app.login('wu.store', 'demo-password-2026');
    expect((await app.get('/todos?type=alert', other).expect(200)).body).toMatchObject({
      items: [],
    });
  });

  it('gives the demo reps different revenue over the last 4 weeks', async () => {
    const director = await app.login('chen.director', 'demo-password-2026');
    const to = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(to) - 28 * 86_400_000).toISOString().slice(0, 10);
    const body = (
      await app
        .get(`/metrics/performance-heatmap?from=${from}&to=${to}&groupBy=region`, director)
        .expect(200)
    ).body as { rows: { headcount: number; members: { name: string; revenue: string }[] }[] };
    const [region] = body.rows;
    expect(region.headcount).toBe(4);
    const revenues = region.members.map((member) => member.revenue);
    expect(new Set(revenues).size).toBe(4);
    expect(revenues.every((revenue) => Number(revenue) > 0)).toBe(true);
  });

  it('seeds once: a second run adds no order', async () => {
    const count = async () =>
      (await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM orders'))[0].n;
    const before = await count();
    await app.running.app.get(RepurchaseDemoSeeder).seed();
    await app.running.app.get(HeatmapDemoSeeder).seed();
    expect(await count()).toBe(before);
  });
});
