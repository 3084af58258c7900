import Decimal from 'decimal.js';
import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import { ProductsDemoSeeder } from '../src/modules/products/products.demo-seeder';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Product {
  id: string;
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  cost: string;
  taxRatePct: number;
  category: string | null;
  minMarginPct: number | null;
  effectiveMinMarginPct: number;
  floorPrice: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The sync horizon trails the clock by a second (see sync-horizon.ts). */
const PAST_HORIZON_MS = 1_200;

let skuSequence = 0;
/** A bearing priced like the demo's 6205-2RS, under a SKU of its own. */
const bearing = (overrides: object = {}) => ({
  sku: `BRG-6205-T${++skuSequence}`,
  name: '深沟球轴承 6205-2RS',
  unit: '个',
  listPrice: '42.00',
  cost: '30.00',
  category: '轴承',
  ...overrides,
});

describe('products', () => {
  let app: TestApp;
  let u: EastRegion;
  let finance: TestUser;
  let director: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    const head = await org.orgUnit({ type: 'region', name: '总部' });
    finance = await org.user({ roles: ['finance_bp'], orgUnitId: head });
    director = await org.user({ roles: ['sales_director'], orgUnitId: head });
  });
  afterAll(() => app.close());

  const create = (body: object, auth = finance.auth) => app.post('/products', auth, body);
  const created = async (body: object = bearing()) =>
    (await create(body).expect(201)).body as Product;
  const list = async (query: string, auth = u.wang.auth) =>
    (await app.get(`/products?${query}`, auth).expect(200)).body as ProductPage;
  const setSettingMargin = (minMarginPct: number) =>
    app.patch('/settings', app.adminAuth, { minMarginPct }).expect(200);

  describe('create and read', () => {
    it('creates a product with its floor price, at the setting’s 12.5 % by default', async () => {
      const response = await create(bearing({ sku: 'BRG-6205-2RS', listPrice: '42' })).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        sku: 'BRG-6205-2RS',
        name: '深沟球轴承 6205-2RS',
        unit: '个',
        listPrice: '42.00',
        cost: '30.00',
        taxRatePct: 13,
        category: '轴承',
        minMarginPct: null,
        effectiveMinMarginPct: 12.5,
        // 30.00 / 0.875 = 34.2857…
        floorPrice: '34.29',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      const product = response.body as Product;
      expect(response.headers.location).toBe(`${API}/products/${product.id}`);

      const read = await app.get(`/products/${product.id}`, u.wang.auth).expect(200);
      expect(read.body).toEqual(product);
    });

    it('uses the product’s own margin and tax rate', async () => {
      const valve = await created({
        sku: 'VLV-Q41F-16P-DN50',
        name: '不锈钢球阀 Q41F-16P DN50',
        unit: '台',
        listPrice: '520.00',
        cost: '385.00',
        taxRatePct: 9,
        category: '阀门',
        minMarginPct: 15,
      });
      // 385.00 / 0.85 = 452.9411…, shown rounded up: 452.95
      expect(valve).toMatchObject({
        taxRatePct: 9,
        minMarginPct: 15,
        effectiveMinMarginPct: 15,
        floorPrice: '452.95',
      });
    });

    it('follows the setting where the product has no margin of its own', async () => {
      const plain = await created(bearing({ cost: '35.00' }));
      const own = await created(bearing({ minMarginPct: 10 }));
      await setSettingMargin(20);
      try {
        // 35.00 / 0.8 = 43.75; the product with 10 % keeps 30.00 / 0.9 = 33.333…, shown rounded up: 33.34.
        const read = (await app.get(`/products/${plain.id}`, u.wang.auth).expect(200))
          .body as Product;
        expect(read).toMatchObject({ effectiveMinMarginPct: 20, floorPrice: '43.75' });
        const kept = (await app.get(`/products/${own.id}`, u.wang.auth).expect(200))
          .body as Product;
        expect(kept).toMatchObject({ effectiveMinMarginPct: 10, floorPrice: '33.34' });
      } finally {
        await setSettingMargin(12.5);
      }
    });

    it('answers 404 for an unknown product', async () => {
      const response = await app
        .get('/products/4b0d7c52-0e0e-4e2c-9d6a-5a5a5a5a5a5a', u.wang.auth)
        .expect(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('audits the creation', async () => {
      const product = await created();
      const events = await app.sql<{ actorId: string; action: string; data: { sku: string } }>(
        `SELECT actor_id AS "actorId", action, data FROM audit_events
         WHERE entity = 'product' AND entity_id = $1`,
        [product.id],
      );
      expect(events).toEqual([
        {
          actorId: finance.id,
          action: 'created',
          data: {
            sku: product.sku,
            name: '深沟球轴承 6205-2RS',
            unit: '个',
            listPrice: '42.00',
            cost: '30.00',
            taxRatePct: 13,
            category: '轴承',
            minMarginPct: null,
          },
        },
      ]);
    });
  });

  describe('duplicate SKU', () => {
    it('answers 409 DUPLICATE_SKU naming the product that holds it', async () => {
      const first = await created(bearing({ sku: 'SEL-OR-NBR-50X3' }));
      const response = await create(bearing({ sku: 'SEL-OR-NBR-50X3' })).expect(409);
      expect(response.body).toMatchObject({
        code: 'DUPLICATE_SKU',
        existingProductId: first.id,
        errors: [{ field: 'sku' }],
      });
    });

    it('answers in Chinese to Accept-Language: zh-CN', async () => {
      const first = await created();
      const response = await app
        .api()
        .post(`${API}/products`)
        .set('authorization', finance.auth)
        .set('accept-language', 'zh-CN')
        .send(bearing({ sku: first.sku }))
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'DUPLICATE_SKU',
        detail: '已有产品使用此 SKU',
        errors: [{ field: 'sku', message: '已属于另一个产品' }],
      });
    });

    it('lets exactly one of concurrent creations or renames to one SKU win; the rest get 409', async () => {
      const creations = await Promise.all(
        Array.from({ length: 5 }, () => create(bearing({ sku: 'BRG-6206-ZZ' }))),
      );
      expect(creations.map((response) => response.status).sort()).toEqual([
        201, 409, 409, 409, 409,
      ]);
      const renamed = await Promise.all([created(), created(), created()]);
      const renames = await Promise.all(
        renamed.map((product) =>
          app.patch(`/products/${product.id}`, finance.auth, { sku: 'BRG-6308-2RS' }),
        ),
      );
      expect(renames.map((response) => response.status).sort()).toEqual([200, 409, 409]);
      expect(renames.find((response) => response.status === 409)!.body).toMatchObject({
        code: 'DUPLICATE_SKU',
      });
    });

    it('refuses a PATCH to a SKU another product holds', async () => {
      const held = await created();
      const other = await created();
      const response = await app
        .patch(`/products/${other.id}`, finance.auth, { sku: held.sku })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'DUPLICATE_SKU', existingProductId: held.id });
    });
  });

  describe('validation', () => {
    const fieldsOf = async (body: object) => {
      const response = await create(body).expect(400);
      return (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    };

    it('takes money only as a decimal string with at most 2 decimals', async () => {
      expect(await fieldsOf(bearing({ listPrice: 42 }))).toEqual(['listPrice']);
      expect(await fieldsOf(bearing({ listPrice: '42.001' }))).toEqual(['listPrice']);
      expect(await fieldsOf(bearing({ cost: '1e3' }))).toEqual(['cost']);
      expect(await fieldsOf(bearing({ cost: '1234567890123.00' }))).toEqual(['cost']);
    });

    it('refuses negative money and a list price of zero; a cost of zero is a free item', async () => {
      expect(await fieldsOf(bearing({ cost: '-1.00' }))).toEqual(['cost']);
      expect(await fieldsOf(bearing({ listPrice: '0.00' }))).toEqual(['listPrice']);
      const sample = await created(bearing({ cost: '0' }));
      expect(sample).toMatchObject({ cost: '0.00', floorPrice: '0.00' });
    });

    it('takes minMarginPct from 0 to 99.99 and taxRatePct from 0 to 100', async () => {
      expect(await fieldsOf(bearing({ minMarginPct: 100 }))).toEqual(['minMarginPct']);
      expect(await fieldsOf(bearing({ minMarginPct: -1 }))).toEqual(['minMarginPct']);
      expect(await fieldsOf(bearing({ minMarginPct: 12.345 }))).toEqual(['minMarginPct']);
      expect(await fieldsOf(bearing({ taxRatePct: 101 }))).toEqual(['taxRatePct']);
      expect(await created(bearing({ minMarginPct: 0 }))).toMatchObject({ floorPrice: '30.00' });
    });

    it('names every missing or unknown field, and a SKU or category that a filter could not take', async () => {
      const response = await create({ sku: 'BRG 6205', category: '轴承,密封件', colour: 'red' });
      expect(response.status).toBe(400);
      const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields.sort()).toEqual(
        ['category', 'colour', 'cost', 'listPrice', 'name', 'sku', 'unit'].sort(),
      );
    });

    it('refuses a list price below the floor price with 422 LIST_PRICE_BELOW_FLOOR', async () => {
      const response = await create(bearing({ listPrice: '34.28' })).expect(422);
      expect(response.body).toMatchObject({
        code: 'LIST_PRICE_BELOW_FLOOR',
        floorPrice: '34.29',
        effectiveMinMarginPct: 12.5,
        errors: [{ field: 'listPrice' }],
      });
      await create(bearing({ listPrice: '34.29' })).expect(201);
    });
  });

  describe('PATCH', () => {
    it('changes the fields given, checks If-Match, and recomputes the floor', async () => {
      const product = await created();
      const response = await app
        .patch(`/products/${product.id}`, director.auth, { cost: '31.50', minMarginPct: 15 }, 1)
        .expect(200);
      expect(response.body).toMatchObject({
        cost: '31.50',
        minMarginPct: 15,
        effectiveMinMarginPct: 15,
        floorPrice: '37.06',
        version: 2,
      });
      const stale = await app
        .patch(`/products/${product.id}`, director.auth, { name: '轴承' }, 1)
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    });

    it('clears the product’s margin with null, back to the setting', async () => {
      const product = await created(bearing({ minMarginPct: 20 }));
      const response = await app
        .patch(`/products/${product.id}`, finance.auth, { minMarginPct: null, category: null })
        .expect(200);
      expect(response.body).toMatchObject({
        minMarginPct: null,
        effectiveMinMarginPct: 12.5,
        category: null,
        floorPrice: '34.29',
      });
    });

    it('refuses null for a required field and a price change that crosses the floor', async () => {
      const product = await created();
      await app.patch(`/products/${product.id}`, finance.auth, { listPrice: null }).expect(400);
      const crossing = await app
        .patch(`/products/${product.id}`, finance.auth, { cost: '40.00' })
        .expect(422);
      expect(crossing.body).toMatchObject({ code: 'LIST_PRICE_BELOW_FLOOR', floorPrice: '45.72' });
    });

    it('writes nothing when nothing changes, and audits a change with before and after', async () => {
      const product = await created();
      const same = await app
        .patch(`/products/${product.id}`, finance.auth, { listPrice: '42', name: product.name })
        .expect(200);
      expect((same.body as Product).version).toBe(1);
      await app
        .patch(`/products/${product.id}`, finance.auth, { listPrice: '45.50', minMarginPct: 15 })
        .expect(200);
      const events = await app.sql<{ action: string; data: unknown }>(
        `SELECT action, data FROM audit_events WHERE entity = 'product' AND entity_id = $1
         ORDER BY seq`,
        [product.id],
      );
      expect(events.map((event) => event.action)).toEqual(['created', 'updated']);
      expect(events[1].data).toEqual({
        version: 2,
        before: { listPrice: '42.00', minMarginPct: null },
        after: { listPrice: '45.50', minMarginPct: 15 },
      });
    });
  });

  describe('roles', () => {
    it('lets admin, sales_director and finance_bp write, and every role read', async () => {
      await create(bearing(), app.adminAuth).expect(201);
      await create(bearing(), director.auth).expect(201);
      const product = await created();
      for (const caller of [u.wang, u.li, u.zhou]) {
        await create(bearing(), caller.auth).expect(403);
        await app.patch(`/products/${product.id}`, caller.auth, { name: '改名' }).expect(403);
        await app.get(`/products/${product.id}`, caller.auth).expect(200);
        await app.get('/products', caller.auth).expect(200);
      }
    });
  });

  describe('list', () => {
    let seals: Product[];

    beforeAll(async () => {
      seals = [
        await created(
          bearing({ sku: 'SEL-TC-45X62X8', name: '骨架油封 TC 45×62×8', category: '密封件' }),
        ),
        await created(
          bearing({ sku: 'SEL-MS-560-35', name: '机械密封 560-35', category: '密封件' }),
        ),
      ];
      await created(
        bearing({ sku: 'FLG-SO-DN100-PN16', name: '带颈平焊法兰 DN100 PN16', category: '法兰' }),
      );
    });

    it('lists by SKU by default and sorts by the documented keys', async () => {
      const all = await list('limit=500');
      const skus = all.items.map((product) => product.sku);
      expect(skus).toEqual([...skus].sort());
      const byName = await list('limit=500&sort=-name');
      const names = byName.items.map((product) => product.name);
      expect(names).toEqual([...names].sort().reverse());
      await app.get('/products?sort=cost', u.wang.auth).expect(400);
    });

    it('pages with a cursor', async () => {
      const first = await list('limit=2');
      expect(first.items).toHaveLength(2);
      const second = await list(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items[0].sku > first.items[1].sku).toBe(true);
    });

    it('filters by any of several categories, and searches SKU and name', async () => {
      const sealsOnly = await list('category=密封件&limit=500');
      expect(sealsOnly.items.map((p) => p.id).sort()).toEqual(seals.map((p) => p.id).sort());
      const both = await list(`category=${encodeURIComponent('密封件,法兰')}&limit=500`);
      expect(both.items.map((p) => p.category).sort()).toEqual(['密封件', '密封件', '法兰']);
      const repeated = await list(`category=密封件&category=法兰&limit=500`);
      expect(repeated.items).toHaveLength(3);

      expect((await list('q=sel-tc')).items.map((p) => p.sku)).toEqual(['SEL-TC-45X62X8']);
      expect((await list(`q=${encodeURIComponent('机械密封')}`)).items.map((p) => p.sku)).toEqual([
        'SEL-MS-560-35',
      ]);
      expect((await list('q=%25')).items).toEqual([]);
    });

    it('syncs with updatedSince, oldest change first', async () => {
      const [{ now }] = await app.sql<{ now: Date }>('SELECT clock_timestamp() AS now');
      const since = encodeURIComponent(now.toISOString());
      const fresh = await created();
      await sleep(2);
      await app.patch(`/products/${seals[0].id}`, finance.auth, { unit: '只' }).expect(200);
      await sleep(PAST_HORIZON_MS);
      const synced = await list(`updatedSince=${since}&limit=500`);
      expect(synced.items.map((p) => p.id)).toEqual([fresh.id, seals[0].id]);
      await app.get(`/products?updatedSince=${since}&sort=sku`, u.wang.auth).expect(400);
    });
  });
});

describe('product demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  it('seeds bearings, valves and seals, each priced at or above its floor', async () => {
    const auth = await app.login('wang.rep', DEMO_PASSWORD);
    const page = (await app.get('/products?limit=500', auth).expect(200)).body as ProductPage;
    expect(new Set(page.items.map((product) => product.category))).toEqual(
      new Set(['轴承', '阀门', '密封件']),
    );
    expect(page.items.find((product) => product.sku === 'VLV-Q41F-16P-DN50')).toMatchObject({
      name: '不锈钢球阀 Q41F-16P DN50（CF8M）',
      minMarginPct: 15,
      floorPrice: '452.95',
    });
    const belowFloor = page.items.filter((product) =>
      new Decimal(product.listPrice).lt(product.floorPrice),
    );
    expect(belowFloor).toEqual([]);
  });

  it('seeds nothing new when seeding again', async () => {
    const count = async () =>
      (await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM products'))[0].n;
    const before = await count();
    await app.running.app.get(ProductsDemoSeeder).seed();
    expect(await count()).toBe(before);
  });
});
