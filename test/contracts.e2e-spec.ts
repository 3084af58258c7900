import { demoId } from '../src/core/seed/demo-seeder';
import { ContractsDemoSeeder } from '../src/modules/contracts/contracts.demo-seeder';
import { EastRegion, OrgFactory } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { API, createTestApp, TestApp } from './support/test-app';

interface Contract {
  id: string;
  contractNo: string;
  quoteId: string;
  quoteVersion: number;
  orderId: string;
  amount: string;
  amountWithTax: string;
  signedAt: string;
  erpSync: { status: string; attempts: number };
}

describe('contracts and orders', () => {
  let app: TestApp;
  let u: EastRegion;
  let make: QuoteFactory;
  let bearing: TestProduct;
  let customerId: string;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    make = new QuoteFactory(app);
    bearing = await make.product();
    customerId = await make.customer(u.wang.auth);
  });
  afterAll(() => app.close());

  /** A quote at list price: approved on submit, with no chain. */
  const approvedQuote = async (qty = 120) => {
    const quote = (
      await app
        .post('/quotes', u.wang.auth, {
          customerId,
          lines: [{ productId: bearing.id, qty, unitPrice: '42.00' }],
        })
        .expect(201)
    ).body as { id: string };
    await app.post(`/quotes/${quote.id}/submit`, u.wang.auth).expect(200);
    return quote.id;
  };
  const sign = (quoteId: string, body: object = {}, auth = u.wang.auth) =>
    app.post(`/quotes/${quoteId}/contract`, auth, body);

  it('signs an approved quote: one contract, its order and a pending ERP sync job; the quote is won', async () => {
    const quoteId = await approvedQuote();
    const response = await sign(quoteId, { signedAt: '2026-12-01T10:00:00+08:00' }).expect(201);
    const contract = response.body as Contract;
    expect(contract).toMatchObject({
      contractNo: expect.stringMatching(/^HT-\d{4}-\d{6,}$/),
      quoteId,
      quoteVersion: 1,
      amount: '5040.00',
      amountWithTax: '5695.20',
      signedAt: '2026-12-01T02:00:00.000Z',
      erpSync: { status: 'pending', attempts: 0 },
    });
    expect(response.headers.location).toBe(`${API}/contracts/${contract.id}`);
    expect((await app.get(`/quotes/${quoteId}`, u.wang.auth).expect(200)).body.status).toBe('won');
    expect((await app.get(`/contracts/${contract.id}`, u.li.auth).expect(200)).body).toEqual(
      contract,
    );
    expect(
      (await app.get(`/contracts/${contract.id}/erp-sync`, u.wang.auth).expect(200)).body,
    ).toMatchObject({
      status: 'pending',
    });
    const orders = (await app.get(`/orders?customerId=${customerId}`, u.wang.auth).expect(200))
      .body as {
      items: { id: string; contractId: string; amount: string }[];
    };
    expect(orders.items).toContainEqual(
      expect.objectContaining({ id: contract.orderId, contractId: contract.id, amount: '5040.00' }),
    );
  });

  it('refuses a second contract for the same quote (409 CONTRACT_EXISTS), also under concurrency', async () => {
    const quoteId = await approvedQuote();
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => sign(quoteId)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    const again = await sign(quoteId).expect(409);
    expect(again.body).toMatchObject({ code: 'CONTRACT_EXISTS', contractId: expect.any(String) });
    const [{ count }] = await app.sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM orders o JOIN contracts k ON k.id = o.contract_id WHERE k.quote_id = $1',
      [quoteId],
    );
    expect(count).toBe(1);
  });

  it('refuses a quote that is not approved, naming its status', async () => {
    const draft = (
      await app
        .post('/quotes', u.wang.auth, {
          customerId,
          lines: [{ productId: bearing.id, qty: 1, unitPrice: '42.00' }],
        })
        .expect(201)
    ).body as { id: string };
    const response = await sign(draft.id).expect(409);
    expect(response.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'draft' });
  });

  it('refuses a taken contract number and writes nothing: the quote stays approved', async () => {
    const first = await approvedQuote();
    const contractNo = `HT-T-${Date.now()}`;
    await sign(first, { contractNo }).expect(201);
    const second = await approvedQuote();
    const response = await sign(second, { contractNo }).expect(409);
    expect(response.body).toMatchObject({
      code: 'DUPLICATE_CONTRACT_NO',
      errors: [{ field: 'contractNo' }],
    });
    expect((await app.get(`/quotes/${second}`, u.wang.auth).expect(200)).body.status).toBe(
      'approved',
    );
  });

  it('keeps contracts in scope: another team’s supervisor gets 404', async () => {
    const contract = (await sign(await approvedQuote()).expect(201)).body as Contract;
    await app.get(`/contracts/${contract.id}`, u.sun.auth).expect(404);
    await app.get(`/contracts/${contract.id}/erp-sync`, u.sun.auth).expect(404);
    await sign(await approvedQuote(), {}, u.sun.auth).expect(404);
  });

  describe('POST /orders', () => {
    let key: string;
    beforeAll(async () => {
      key = (
        (
          await app
            .post('/api-keys', app.adminAuth, { name: 'POS', roles: ['integrator'] })
            .expect(201)
        ).body as { key: string }
      ).key;
    });
    const report = (body: object, idempotencyKey?: string) => {
      const request = app.api().post(`${API}/orders`).set('x-api-key', key);
      return (idempotencyKey ? request.set('idempotency-key', idempotencyKey) : request).send(body);
    };

    it('records a POS sale once, however often the terminal retries with its Idempotency-Key', async () => {
      const body = {
        customerId,
        amount: '1288.00',
        orderedAt: '2026-12-05T15:20:00+08:00',
        lines: [{ sku: bearing.sku, qty: '20', unitPrice: '42.00' }],
      };
      const first = await report(body, 'pos-7-000123').expect(201);
      const again = await report(body, 'pos-7-000123').expect(201);
      expect(again.body).toEqual(first.body);
      expect(first.body).toMatchObject({
        amount: '1288.00',
        orderedAt: '2026-12-05T07:20:00.000Z',
        contractId: null,
      });
      const [{ count }] = await app.sql<{ count: number }>(
        'SELECT count(*)::int AS count FROM orders WHERE customer_id = $1 AND amount = 1288.00',
        [customerId],
      );
      expect(count).toBe(1);
    });

    it('adds this year’s orders, in the organisation’s time zone, to the customer’s brief', async () => {
      const buyer = await make.customer(u.wang.auth, '苏州某机电门店');
      const thisYear = new Date().getFullYear();
      await report({
        customerId: buyer,
        amount: '100.50',
        orderedAt: `${thisYear}-01-01T00:30:00+08:00`,
      }).expect(201);
      // 23:30 on 31 December in Shanghai: last year there, though this year in UTC−1.
      await report({
        customerId: buyer,
        amount: '999.00',
        orderedAt: `${thisYear - 1}-12-31T23:30:00+08:00`,
      }).expect(201);
      await report({
        customerId: buyer,
        amount: '20.25',
        orderedAt: new Date().toISOString(),
      }).expect(201);
      const brief = (await app.get(`/customers/${buyer}/brief`, u.wang.auth).expect(200)).body as {
        ytdPurchases: string;
      };
      expect(brief.ytdPurchases).toBe('120.75');
    });

    it('refuses a rep (403), an unknown customer (404), a store that is none or bad money (400)', async () => {
      await app
        .post('/orders', u.wang.auth, {
          customerId,
          amount: '1.00',
          orderedAt: '2026-12-05T15:20:00+08:00',
        })
        .expect(403);
      await report({
        customerId: bearing.id,
        amount: '1.00',
        orderedAt: '2026-12-05T15:20:00+08:00',
      }).expect(404);
      const unknownStore = await report({
        customerId,
        storeId: customerId,
        amount: '1.00',
        orderedAt: '2026-12-05T15:20:00+08:00',
      }).expect(400);
      expect(unknownStore.body.errors).toEqual([expect.objectContaining({ field: 'storeId' })]);
      const money = await report({
        customerId,
        amount: 12.5,
        orderedAt: '2026-12-05T15:20:00+08:00',
      }).expect(400);
      expect(money.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    });
  });
});

describe('contract demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const counts = async () =>
    (
      await app.sql<{ contracts: number; orders: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM contracts) AS contracts,
                (SELECT count(*)::int FROM orders) AS orders,
                (SELECT count(*)::int FROM erp_sync_jobs) AS jobs`,
      )
    )[0];

  it('signs the won quote through the service: its contract, order and queued ERP sync job', async () => {
    const [contract] = await app.sql<{ status: string; sync: string; erpCode: string }>(
      `SELECT q.status, j.status AS sync, c.erp_code AS "erpCode" FROM contracts k
       JOIN quotes q ON q.id = k.quote_id JOIN erp_sync_jobs j ON j.contract_id = k.id
       JOIN customers c ON c.id = k.customer_id
       WHERE k.customer_id = $1`,
      // Customer 9's: the metrics demo signs quotes of its own (docs/metrics.md).
      [demoId('customer', '9')],
    );
    expect(contract).toEqual({
      status: 'won',
      sync: 'pending',
      erpCode: expect.stringMatching(/^CUST\d{5}$/),
    });
  });

  it('reports half a year of store orders from six store customers', async () => {
    // Its six customers (2, 3, 8, 14, 15, 20); the metrics demo seeders report other store orders.
    const buyers = [2, 3, 8, 14, 15, 20].map((index) => demoId('customer', String(index)));
    const stores = await app.sql<{ customers: number; orders: number }>(
      `SELECT count(DISTINCT customer_id)::int AS customers, count(*)::int AS orders
       FROM orders WHERE store_id IS NOT NULL AND customer_id = ANY ($1::uuid[])`,
      [buyers],
    );
    expect(stores).toEqual([{ customers: 6, orders: 36 }]);
  });

  it('seeds nothing new when seeding again', async () => {
    const before = await counts();
    await app.running.app.get(ContractsDemoSeeder).seed();
    expect(await counts()).toEqual(before);
  });
});
