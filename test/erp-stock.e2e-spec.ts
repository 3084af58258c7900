import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import {
  DEMO_STOCK_SOURCE,
  StockDemoSeeder,
} from '../src/modules/erp-sync/stock/stock.demo-seeder';
import { StockPullService } from '../src/modules/erp-sync/stock/stock-pull.service';
import {
  ErpSimulator,
  SIMULATOR_K3_CREDENTIALS,
  SIMULATOR_U8_CREDENTIALS,
  startErpSimulator,
} from '../tools/erp-simulator/simulator';
import { EastRegion, OrgFactory } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { API, createTestApp, TestApp } from './support/test-app';

interface Stock {
  quantity: number | null;
  syncedAt: string | null;
  source: string | null;
  erpKind: string | null;
  ageSeconds: number | null;
}

interface Pull {
  connectionId: string;
  source: string;
  erpKind: string;
  asked: number;
  pulled: number;
  unreported: number;
  unreportedSkus: string[];
  syncedAt: string;
}

const K3_NAME = '金蝶云星空（测试）';
const U8_NAME = '用友 U8（测试）';

describe('ERP stock levels', () => {
  let app: TestApp;
  let sim: ErpSimulator;
  let u: EastRegion;
  let bearing: TestProduct;
  let valve: TestProduct;
  let seal: TestProduct;

  beforeAll(async () => {
    sim = await startErpSimulator({ port: 0 });
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    const make = new QuoteFactory(app);
    [bearing, valve, seal] = [await make.product(), await make.product(), await make.product()];
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
  });

  const stockOf = async (productId: string, auth = app.adminAuth) =>
    (await app.get(`/products/${productId}/stock`, auth).expect(200)).body as Stock;
  const pull = () => app.post('/erp/stock/pull', app.adminAuth);

  /** An active connection to the simulator, through the admin route of API.md §6. */
  const connect = async (kind: 'k3cloud' | 'u8', credentials?: object) => {
    const body =
      kind === 'k3cloud'
        ? {
            name: K3_NAME,
            kind,
            baseUrl: sim.url,
            credentials: credentials ?? SIMULATOR_K3_CREDENTIALS,
            defaults: { saleOrgNumber: '100' },
            active: true,
            timeoutMs: 3000,
          }
        : {
            name: U8_NAME,
            kind,
            baseUrl: sim.url,
            credentials: credentials ?? SIMULATOR_U8_CREDENTIALS,
            defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03' },
            active: true,
            timeoutMs: 3000,
          };
    return (
      (await app.post('/erp/connections', app.adminAuth, body).expect(201)).body as {
        id: string;
      }
    ).id;
  };

  describe('before any pull', () => {
    it('answers every field null for a product never pulled', async () => {
      expect(await stockOf(bearing.id)).toEqual({
        quantity: null,
        syncedAt: null,
        source: null,
        erpKind: null,
        ageSeconds: null,
      });
    });

    it('answers 404 for an unknown product and 400 for an id that is no UUID', async () => {
      const missing = await app
        .get('/products/7d1f0c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f/stock', app.adminAuth)
        .expect(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
      await app.get('/products/not-a-uuid/stock', app.adminAuth).expect(400);
    });

    it('is read by every role that reads the product, an integrator key included; only admins pull', async () => {
      await stockOf(bearing.id, u.wang.auth);
      await stockOf(bearing.id, u.zhou.auth);
      const key = (
        (await app.post('/api-keys', app.adminAuth, { name: '库存看板', roles: ['integrator'] }))
          .body as { key: string }
      ).key;
      await app.api().get(`${API}/products/${bearing.id}/stock`).set('x-api-key', key).expect(200);
      await app.api().get(`${API}/products/${bearing.id}/stock`).expect(401);
      await app.post('/erp/stock/pull', u.zhou.auth).expect(403);
      await app.api().post(`${API}/erp/stock/pull`).set('x-api-key', key).expect(403);
    });

    it('refuses a pull with 422 ERP_NOT_CONFIGURED while no connection is active', async () => {
      const response = await pull().set('accept-language', 'zh-CN').expect(422);
      expect(response.body).toMatchObject({ code: 'ERP_NOT_CONFIGURED' });
      expect(response.body.detail).toContain('没有启用的 ERP 连接');
    });

    it('skips a scheduled pull without a connection, writing nothing', async () => {
      await expect(app.running.app.get(StockPullService).scheduledPull()).resolves.toBeUndefined();
      expect(await app.sql('SELECT * FROM product_stock')).toEqual([]);
    });
  });

  describe('from K3 Cloud (STK_Inventory), then from U8 (current stock)', () => {
    it('pulls every product’s stock from K3, summed over warehouses, with its source and age', async () => {
      await connect('k3cloud');
      sim.seed({
        materials: [
          { code: bearing.sku, stock: { CK001: '120.5', CK002: '7.25' } },
          { code: valve.sku, stock: '3' },
          { code: 'NOT-IN-THE-LIBRARY', stock: '9' },
        ],
      });
      const response = await pull().expect(200);
      const result = response.body as Pull;
      expect(result).toMatchObject({
        source: K3_NAME,
        erpKind: 'k3cloud',
        asked: 3,
        pulled: 2,
        unreported: 1,
        unreportedSkus: [seal.sku],
        syncedAt: expect.stringMatching(/Z$/),
      });
      expect(sim.stats().k3Queries).toBeGreaterThan(0);

      const stock = await stockOf(bearing.id, u.wang.auth);
      expect(stock).toEqual({
        quantity: 127.75,
        syncedAt: result.syncedAt,
        source: K3_NAME,
        erpKind: 'k3cloud',
        ageSeconds: expect.any(Number),
      });
      expect(stock.ageSeconds).toBeLessThan(60);
      expect((await stockOf(valve.id)).quantity).toBe(3);
      expect((await stockOf(seal.id)).quantity).toBeNull();
    });

    it('shows a level’s age, and keeps the last level of a SKU the ERP no longer reports', async () => {
      await app.sql(
        `UPDATE product_stock SET synced_at = synced_at - interval '2 hours' WHERE product_id = $1`,
        [valve.id],
      );
      expect((await stockOf(valve.id)).ageSeconds).toBeGreaterThanOrEqual(7200);

      await connect('u8');
      sim.seed({ materials: [{ code: bearing.sku, stock: { CK001: '10', CK003: '0.1234' } }] });
      const result = (await pull().expect(200)).body as Pull;
      expect(result).toMatchObject({ source: U8_NAME, erpKind: 'u8', pulled: 1, unreported: 2 });
      expect(sim.stats().u8StockQueries).toBeGreaterThan(0);

      expect(await stockOf(bearing.id)).toMatchObject({
        quantity: 10.1234,
        source: U8_NAME,
        erpKind: 'u8',
      });
      const kept = await stockOf(valve.id);
      expect(kept).toMatchObject({ quantity: 3, source: K3_NAME, erpKind: 'k3cloud' });
      expect(kept.ageSeconds).toBeGreaterThanOrEqual(7200);
    });
  });

  describe('a failing ERP', () => {
    afterEach(() => sim.setFaults({ fail5xxPct: 0, resetPct: 0 }));

    it('answers 502 ERP_UNREACHABLE with no URL or secret, and keeps every level', async () => {
      const before = await stockOf(bearing.id);
      sim.setFaults({ fail5xxPct: 100 });
      const response = await pull().expect(502);
      expect(response.body).toMatchObject({ status: 502, code: 'ERP_UNREACHABLE' });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(sim.url);
      expect(text).not.toContain(SIMULATOR_U8_CREDENTIALS.appSecret);
      expect(await stockOf(bearing.id)).toMatchObject({
        quantity: before.quantity,
        syncedAt: before.syncedAt,
      });
    });

    it('logs a failed scheduled pull and keeps every level', async () => {
      const before = await stockOf(bearing.id);
      sim.setFaults({ resetPct: 100 });
      await expect(app.running.app.get(StockPullService).scheduledPull()).resolves.toBeUndefined();
      expect(await stockOf(bearing.id)).toMatchObject({ syncedAt: before.syncedAt });
    });

    it('answers 502 ERP_REFUSED when the ERP refuses the login', async () => {
      await connect('k3cloud', { ...SIMULATOR_K3_CREDENTIALS, password: 'wrong-password' });
      const response = await pull().expect(502);
      expect(response.body).toMatchObject({ code: 'ERP_REFUSED' });
      expect(JSON.stringify(response.body)).not.toContain('wrong-password');
    });

    it('answers 422 ERP_CREDENTIALS_UNREADABLE when the secret changed under the stored credentials', async () => {
      const id = await connect('k3cloud', SIMULATOR_K3_CREDENTIALS);
      // Sealed under another key, as after a change of ERP_SECRET; the version drops the cached adapter.
      await app.sql(
        `UPDATE erp_connections SET credentials = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA',
           version = version + 1 WHERE id = $1`,
        [id],
      );
      const response = await pull().set('Accept-Language', 'zh-CN').expect(422);
      expect(response.body).toMatchObject({ code: 'ERP_CREDENTIALS_UNREADABLE' });
      expect(response.body.detail).toContain('PATCH /erp/connections/:id');
    });
  });
});

describe('ERP stock demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const stockOfSku = async (sku: string) => {
    const auth = await app.login('wang.rep', DEMO_PASSWORD);
    const products = (await app.get(`/products?limit=500`, auth).expect(200)).body as {
      items: { id: string; sku: string }[];
    };
    const product = products.items.find((item) => item.sku === sku)!;
    return (await app.get(`/products/${product.id}/stock`, auth).expect(200)).body as Stock;
  };

  it('gives demo products levels of different ages from the demo K3, and leaves others unpulled', async () => {
    const fresh = await stockOfSku('BRG-6205-2RS');
    expect(fresh).toMatchObject({ quantity: 1860, source: DEMO_STOCK_SOURCE, erpKind: 'k3cloud' });
    expect(fresh.ageSeconds).toBeGreaterThanOrEqual(12 * 60);
    expect(fresh.ageSeconds).toBeLessThan(24 * 3600);
    expect((await stockOfSku('VLV-Z41H-16C-DN150')).ageSeconds).toBeGreaterThanOrEqual(26 * 3600);
    expect((await stockOfSku('BRG-6308-2RS')).quantity).toBeNull();
  });

  it('seeds nothing new when seeding again', async () => {
    const rows = () => app.sql('SELECT * FROM product_stock ORDER BY product_id');
    const before = await rows();
    await app.running.app.get(StockDemoSeeder).seed();
    expect(await rows()).toEqual(before);
  });
});
