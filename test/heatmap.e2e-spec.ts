import { Resvg } from '@resvg/resvg-js';
import { randomUUID } from 'node:crypto';
import type { Role } from '../src/core/auth/roles';
import { BookFactory, OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Member {
  userId: string;
  name: string;
  revenue: string;
  orders: number;
}

interface Row {
  orgUnitId: string;
  name: string;
  managerId: string | null;
  headcount: number;
  revenue: string;
  perCapitaRevenue: string | null;
  members: Member[];
}

interface Heatmap {
  from: string;
  to: string;
  groupBy: string;
  rows: Row[];
  definition: string;
}

const FONT_FILE =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const RANGE = 'from=2026-11-01&to=2026-12-01';

/**
 * 华南大区 ⊃ 广州渠道组 ⊃ { 天河店, 海珠店 }, and 番禺店 (no rep) under the region.
 * Reps: 张伟, 李娜 (天河店, under store manager 陈静), 王芳 (海珠店), 刘强 (the
 * team itself, no order), 赵雷 (海珠店, deactivated). Orders in November 2026,
 * Asia/Shanghai, by the customer's owner:
 * - 张伟: 3,000.00 + 5,000.00 + 1,200.50 + 200.00 = 9,400.50 (4 orders); his
 *   orders at 2026-10-31 23:59 and 2026-12-01 00:00 (+08:00) fall outside;
 * - 李娜: 800.00; 王芳: 2,000.00; 赵雷: 7,777.00, but he is inactive.
 * So 天河店 10,200.50 / 2 = 5,100.25; 海珠店 2,000.00 / 1; 番禺店 none;
 * 广州渠道组 and 华南大区 12,200.50 / 4 = 3,050.125 → 3,050.13 (half-up).
 */
describe('performance heatmap (API.md §8)', () => {
  let app: TestApp;
  let region: string;
  let team: string;
  let tianhe: string;
  let haizhu: string;
  let panyu: string;
  let chen: TestUser;
  let zhang: TestUser;
  let li: TestUser;
  let wangfang: TestUser;
  let liuqiang: TestUser;
  let zhaolei: TestUser;
  /** 张伟's orders by amount, for the drill-down. */
  const zhangOrders: Record<string, string> = {};
  let zhangCustomers: Record<string, string>;

  let org: OrgFactory;
  let book: BookFactory;
  const unit = (name: string, type: 'region' | 'team' | 'store', parentId?: string) =>
    org.orgUnit({ name, type, parentId });
  const person = (displayName: string, roles: Role[], orgUnitId: string, supervisorId?: string) =>
    org.user({ displayName, roles, orgUnitId, supervisorId });
  const customer = (name: string, ownerId: string) => book.customer(name, ownerId);
  const order = (customerId: string, amount: string, orderedAt: string, storeId?: string) =>
    book.order({ customerId, amount, orderedAt, storeId });
  const heatmap = async (groupBy: string, auth = app.adminAuth) =>
    (await app.get(`/metrics/performance-heatmap?${RANGE}&groupBy=${groupBy}`, auth).expect(200))
      .body as Heatmap;
  const rowOf = (body: Heatmap, id: string) => body.rows.find((row) => row.orgUnitId === id);

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
    book = new BookFactory(app);
    region = await unit('华南大区', 'region');
    team = await unit('广州渠道组', 'team', region);
    tianhe = await unit('天河店', 'store', team);
    haizhu = await unit('海珠店', 'store', team);
    panyu = await unit('番禺店', 'store', region);
    chen = await person('陈静', ['store_manager'], tianhe);
    await app.sql('UPDATE org_units SET manager_id = $2 WHERE id = $1', [tianhe, chen.id]);
    zhang = await person('张伟', ['rep'], tianhe, chen.id);
    li = await person('李娜', ['rep'], tianhe, chen.id);
    wangfang = await person('王芳', ['rep'], haizhu);
    liuqiang = await person('刘强', ['rep'], team);
    zhaolei = await person('赵雷', ['rep'], haizhu);
    await person('周主管', ['supervisor'], team);

    zhangCustomers = {
      jiale: await customer('广州佳乐超市', zhang.id),
      hongxing: await customer('天河红星茶餐厅', zhang.id),
    };
    zhangOrders['3000.00'] = await order(
      zhangCustomers.jiale,
      '3000.00',
      '2026-11-05T10:00:00+08:00',
      tianhe,
    );
    zhangOrders['5000.00'] = await order(
      zhangCustomers.hongxing,
      '5000.00',
      '2026-11-20T15:30:00+08:00',
      tianhe,
    );
    // 23:30 on the 30th in Shanghai is still November, though 15:30Z.
    zhangOrders['1200.50'] = await order(
      zhangCustomers.jiale,
      '1200.50',
      '2026-11-30T23:30:00+08:00',
      tianhe,
    );
    zhangOrders['200.00'] = await order(
      zhangCustomers.hongxing,
      '200.00',
      '2026-11-10T09:00:00+08:00',
    );
    // Outside the range in Shanghai, though the first is 2026-10-31T15:59Z and the second 2026-11-30T16:00Z.
    await order(zhangCustomers.jiale, '8888.00', '2026-10-31T23:59:00+08:00', tianhe);
    await order(zhangCustomers.jiale, '9999.00', '2026-12-01T00:00:00+08:00', tianhe);
    await order(
      await customer('天河花园酒店', li.id),
      '800.00',
      '2026-11-12T12:00:00+08:00',
      tianhe,
    );
    await order(
      await customer('海珠江南烘焙坊', wangfang.id),
      '2000.00',
      '2026-11-15T11:00:00+08:00',
      haizhu,
    );
    await order(
      await customer('海珠老街面馆', zhaolei.id),
      '7777.00',
      '2026-11-16T11:00:00+08:00',
      haizhu,
    );
    const zhaoleiUser = (await app.get(`/users/${zhaolei.id}`, app.adminAuth).expect(200)).body as {
      version: number;
    };
    await app
      .patch(`/users/${zhaolei.id}`, app.adminAuth, { active: false }, zhaoleiUser.version)
      .expect(200);
  });
  afterAll(() => app.close());

  it('by store: reps, revenue by owner and revenue per rep; a store with no rep has null per capita', async () => {
    const body = await heatmap('store');
    expect(body).toMatchObject({ from: '2026-11-01', to: '2026-12-01', groupBy: 'store' });
    expect(body.definition).toContain('rep');
    expect(body.rows).toHaveLength(3);
    expect(rowOf(body, tianhe)).toEqual({
      orgUnitId: tianhe,
      name: '天河店',
      managerId: chen.id,
      headcount: 2,
      revenue: '10200.50',
      perCapitaRevenue: '5100.25',
      members: [
        { userId: zhang.id, name: '张伟', revenue: '9400.50', orders: 4 },
        { userId: li.id, name: '李娜', revenue: '800.00', orders: 1 },
      ],
    });
    // 赵雷 is inactive: neither a member nor his 7,777.00.
    expect(rowOf(body, haizhu)).toEqual({
      orgUnitId: haizhu,
      name: '海珠店',
      managerId: null,
      headcount: 1,
      revenue: '2000.00',
      perCapitaRevenue: '2000.00',
      members: [{ userId: wangfang.id, name: '王芳', revenue: '2000.00', orders: 1 }],
    });
    expect(rowOf(body, panyu)).toEqual({
      orgUnitId: panyu,
      name: '番禺店',
      managerId: null,
      headcount: 0,
      revenue: '0.00',
      perCapitaRevenue: null,
      members: [],
    });
  });

  it('by team and by region: the whole subtree, a rep with no order counted at 0.00; per capita rounded half-up', async () => {
    const expected = {
      headcount: 4,
      revenue: '12200.50',
      perCapitaRevenue: '3050.13',
      members: [
        { userId: zhang.id, name: '张伟', revenue: '9400.50', orders: 4 },
        { userId: wangfang.id, name: '王芳', revenue: '2000.00', orders: 1 },
        { userId: li.id, name: '李娜', revenue: '800.00', orders: 1 },
        { userId: liuqiang.id, name: '刘强', revenue: '0.00', orders: 0 },
      ],
    };
    const byTeam = await heatmap('team');
    expect(byTeam.rows).toEqual([
      { orgUnitId: team, name: '广州渠道组', managerId: null, ...expected },
    ]);
    const byRegion = await heatmap('region');
    expect(byRegion.rows).toEqual([
      { orgUnitId: region, name: '华南大区', managerId: null, ...expected },
    ]);
  });

  it('answers in the caller’s language', async () => {
    const zh = await app
      .get(`/metrics/performance-heatmap?${RANGE}&groupBy=store`, app.adminAuth)
      .set('accept-language', 'zh-CN')
      .expect(200);
    expect((zh.body as Heatmap).definition).toContain('人均业绩');
  });

  it('scope: a store manager sees its store and its reps only; a rep only itself', async () => {
    const byStore = await heatmap('store', chen.auth);
    expect(byStore.rows.map((row) => row.orgUnitId)).toEqual([tianhe]);
    expect(rowOf(byStore, tianhe)).toMatchObject({
      headcount: 2,
      revenue: '10200.50',
      perCapitaRevenue: '5100.25',
    });
    const byTeam = await heatmap('team', chen.auth);
    expect(byTeam.rows).toEqual([
      expect.objectContaining({ orgUnitId: team, headcount: 2, revenue: '10200.50' }),
    ]);

    const own = await heatmap('region', wangfang.auth);
    expect(own.rows).toEqual([
      expect.objectContaining({
        orgUnitId: region,
        headcount: 1,
        revenue: '2000.00',
        perCapitaRevenue: '2000.00',
        members: [{ userId: wangfang.id, name: '王芳', revenue: '2000.00', orders: 1 }],
      }),
    ]);
    expect((await heatmap('store', liuqiang.auth)).rows).toEqual([]);
  });

  it('draws an SVG heatmap with the figures and Chinese names, which rasterises', async () => {
    const response = await app
      .get(`/metrics/performance-heatmap?${RANGE}&groupBy=store&format=svg`, app.adminAuth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = response.body as string;
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('人均业绩热力图 2026-11-01 至 2026-12-01');
    for (const text of ['天河店', '海珠店', '番禺店', '10,200.50', '5,100.25', '2,000.00', '>—<']) {
      expect(svg).toContain(text);
    }
    const image = new Resvg(svg, {
      font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
    }).render();
    expect(image.width).toBeGreaterThan(0);
    expect(image.height).toBeGreaterThan(0);
    expect(image.asPng().subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('drills down to a rep’s 3 largest orders in the range, with their customers', async () => {
    const response = await app
      .get(`/metrics/performance-heatmap/drilldown?userId=${zhang.id}&${RANGE}`, chen.auth)
      .expect(200);
    expect(response.body).toEqual({
      userId: zhang.id,
      name: '张伟',
      from: '2026-11-01',
      to: '2026-12-01',
      orders: [
        {
          orderId: zhangOrders['5000.00'],
          orderedAt: '2026-11-20T07:30:00.000Z',
          amount: '5000.00',
          customer: { id: zhangCustomers.hongxing, name: '天河红星茶餐厅' },
        },
        {
          orderId: zhangOrders['3000.00'],
          orderedAt: '2026-11-05T02:00:00.000Z',
          amount: '3000.00',
          customer: { id: zhangCustomers.jiale, name: '广州佳乐超市' },
        },
        {
          orderId: zhangOrders['1200.50'],
          orderedAt: '2026-11-30T15:30:00.000Z',
          amount: '1200.50',
          customer: { id: zhangCustomers.jiale, name: '广州佳乐超市' },
        },
      ],
    });
    const own = await app
      .get(`/metrics/performance-heatmap/drilldown?userId=${liuqiang.id}&${RANGE}`, liuqiang.auth)
      .expect(200);
    expect(own.body).toMatchObject({ userId: liuqiang.id, name: '刘强', orders: [] });
  });

  it('drill-down: 404 for a user outside the scope or unknown; 400 for a bad query', async () => {
    const outside = await app
      .get(`/metrics/performance-heatmap/drilldown?userId=${wangfang.id}&${RANGE}`, chen.auth)
      .expect(404);
    expect(outside.body).toMatchObject({ code: 'NOT_FOUND' });
    await app
      .get(`/metrics/performance-heatmap/drilldown?userId=${zhang.id}&${RANGE}`, wangfang.auth)
      .expect(404);
    await app
      .get(`/metrics/performance-heatmap/drilldown?userId=${randomUUID()}&${RANGE}`, app.adminAuth)
      .expect(404);
    const bad = await app
      .get(
        `/metrics/performance-heatmap/drilldown?userId=nope&from=2026-12-01&to=2026-11-01`,
        app.adminAuth,
      )
      .expect(400);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      'userId',
    );
  });

  it('400 for an unknown groupBy or format, or to not after from', async () => {
    await app.get(`/metrics/performance-heatmap?${RANGE}&groupBy=city`, app.adminAuth).expect(400);
    await app
      .get(`/metrics/performance-heatmap?${RANGE}&groupBy=store&format=png`, app.adminAuth)
      .expect(400);
    const backwards = await app
      .get(
        '/metrics/performance-heatmap?from=2026-12-01&to=2026-12-01&groupBy=store',
        app.adminAuth,
      )
      .expect(400);
    expect(backwards.body).toMatchObject({ errors: [{ field: 'to' }] });
  });

  it('403 for an integrator key', async () => {
    const key = await app
      .post('/api-keys', app.adminAuth, { name: '报表集成', roles: ['integrator'] })
      .expect(201);
    await app
      .api()
      .get(`${API}/metrics/performance-heatmap?${RANGE}&groupBy=store`)
      .set('x-api-key', (key.body as { key: string }).key)
      .expect(403);
  });
});
