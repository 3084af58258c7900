import { RebatesDemoSeeder } from '../src/modules/rebates/rebates.demo-seeder';
import { randomUUID } from 'node:crypto';
import { ContractFactory } from './support/erp';
import { EastRegion, OrgFactory } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { API, createTestApp, TestApp } from './support/test-app';

interface Policy {
  id: string;
  version: number;
  formula: string;
  tiers: { threshold: string; ratePct: number }[];
}

interface Calculation {
  policyId: string;
  policyVersion: number;
  ytdPurchases: string;
  basis: string;
  totalRebate: string;
  incrementalRebate: string;
  effectiveRatePct: number;
  compliance: { ok: boolean; marginAfterRebatePct?: number; messages: object[] };
  calculationId: string;
}

/** 0 → 1 %, 10,000 → 2 %, 20,000 → 3 %, progressive: small enough to check by hand. */
const LADDER = [
  { threshold: '0.00', ratePct: 1 },
  { threshold: '10000.00', ratePct: 2 },
  { threshold: '20000.00', ratePct: 3 },
];

let phone = 13900000000 + Math.floor(Math.random() * 1e6);

describe('rebate calculator (API.md §7)', () => {
  let app: TestApp;
  let u: EastRegion;
  let signed: ContractFactory;
  let bearing: TestProduct;
  let b2bPolicy: Policy;
  /** An admin's b2b customer with two signed contracts of 5,040.00 this year. */
  let haitian: string;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    signed = new ContractFactory(app);
    bearing = await new QuoteFactory(app).product();
    haitian = await signed.customer();
    await signed.sign(haitian);
    await signed.sign(haitian);
  });
  afterAll(() => app.close());

  const createPolicy = (body: object, auth = app.adminAuth) =>
    app.post('/rebate-policies', auth, {
      name: '2027 年度工业配件经销商返点',
      basis: 'annual_purchase',
      method: 'progressive',
      tiers: LADDER,
      ...body,
    });
  const calculate = (body: object, auth = app.adminAuth) =>
    app.post('/rebates/calculate', auth, body);
  const customer = async (auth: string, name: string, segment = 'b2b') =>
    (
      (await app.post('/customers', auth, { name, phone: String(++phone), segment }).expect(201))
        .body as { id: string }
    ).id;
  /** A quote of 1,000 bearings at 42.00 (cost 30.00): amount 42,000.00, cost 30,000.00. */
  const quoteOf = async (customerId: string) =>
    (
      (
        await app
          .post('/quotes', app.adminAuth, {
            customerId,
            lines: [{ productId: bearing.id, qty: 1000, unitPrice: '42.00' }],
          })
          .expect(201)
      ).body as { id: string }
    ).id;

  it('creates a policy: 201, Location, its formula; every role reads it', async () => {
    const response = await createPolicy({ segments: ['b2b'] }).expect(201);
    b2bPolicy = response.body as Policy;
    expect(response.headers.location).toBe(`${API}/rebate-policies/${b2bPolicy.id}`);
    expect(b2bPolicy).toMatchObject({
      version: 1,
      method: 'progressive',
      tiers: LADDER,
      capAmount: null,
      segments: ['b2b'],
      validFrom: null,
      validTo: null,
      formula: '0–10,000 × 1 % + 10,000–20,000 × 2 % + 20,000 以上 × 3 %',
    });
    const read = await app.get(`/rebate-policies/${b2bPolicy.id}`, u.wang.auth).expect(200);
    expect(read.body).toEqual(b2bPolicy);
  });

  it('rejects descending tiers, validTo before validFrom and unknown fields with 400', async () => {
    const descending = await createPolicy({
      tiers: [
        { threshold: '0.00', ratePct: 1 },
        { threshold: '50000.00', ratePct: 2 },
        { threshold: '20000.00', ratePct: 3 },
      ],
      validFrom: '2040-01-01',
    }).expect(400);
    expect(descending.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'tiers[2].threshold' }],
    });
    const backwards = await createPolicy({ validFrom: '2040-02-01', validTo: '2040-01-31' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'validTo' })]);
    await createPolicy({ validFrom: '2040-01-01', rebateKind: 'cash' }).expect(400);
  });

  it('lets only policy authors write policies', async () => {
    const org = new OrgFactory(app);
    const finance = await org.user({
      roles: ['finance_bp'],
      orgUnitId: await org.orgUnit({ type: 'team', name: '财务BP组' }),
    });
    await createPolicy({ validFrom: '2040-01-01' }, u.wang.auth).expect(403);
    await createPolicy(
      { segments: ['b2c'], validFrom: '2040-01-01', validTo: '2040-12-31' },
      finance.auth,
    ).expect(201);
  });

  it('refuses a policy valid on a day when another one for a shared segment is: 409 POLICY_OVERLAP', async () => {
    // No segments: both, so b2b too.
    const overlap = await createPolicy({ validFrom: '2030-01-01' });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ code: 'POLICY_OVERLAP', policyId: b2bPolicy.id });
    const b2c2030 = (
      await createPolicy({
        segments: ['b2c'],
        validFrom: '2030-01-01',
        validTo: '2030-12-31',
      }).expect(201)
    ).body as Policy;
    const alsoB2c = await createPolicy({
      segments: ['b2c'],
      validFrom: '2030-12-31',
      validTo: '2030-12-31',
    });
    expect(alsoB2c.body).toMatchObject({ code: 'POLICY_OVERLAP', policyId: b2c2030.id });
    await createPolicy({
      segments: ['b2c'],
      validFrom: '2031-01-01',
      validTo: '2031-12-31',
    }).expect(201);
    const listed = await app.get('/rebate-policies?segment=b2c&method=progressive', u.liu.auth);
    const items = (listed.body as { items: (Policy & { segments: string[] })[] }).items;
    expect(items.map((p) => p.segments)).toEqual([['b2c'], ['b2c'], ['b2c']]);
    expect(items[1].id).toBe(b2c2030.id);
  });

  it('lets one of two overlapping policies created at once through (advisory lock)', async () => {
    const window = { segments: ['b2c'], validFrom: '2050-01-01', validTo: '2050-12-31' };
    const answers = await Promise.all([createPolicy(window), createPolicy(window)]);
    expect(answers.map(({ status }) => status).sort()).toEqual([201, 409]);
  });

  it('speaks Chinese to a zh-CN client, codes unchanged', async () => {
    const response = await app
      .api()
      .post(`${API}/rebate-policies`)
      .set('authorization', app.adminAuth)
      .set('accept-language', 'zh-CN')
      .send({ name: '重叠政策', basis: 'annual_purchase', method: 'flat_tier', tiers: LADDER })
      .expect(409);
    expect(response.body).toMatchObject({
      code: 'POLICY_OVERLAP',
      detail: `与另一返点政策（${b2bPolicy.id}）的适用客群相同且有效期重叠`,
    });
  });

  it('calculates by id: ytd from the signed contracts, the breakdown by hand', async () => {
    // ytd 10,080.00; basis 25,080.00: 100.00 + 200.00 + 5,080 × 3 % = 452.40;
    // rebate(ytd) = 100.00 + 80 × 2 % = 101.60; incremental 350.80, 2.34 % of 15,000.
    const response = await calculate({ customerId: haitian, estimatedAmount: '15000.00' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      policyId: b2bPolicy.id,
      policyName: '2027 年度工业配件经销商返点',
      policyVersion: 1,
      formula: b2bPolicy.formula,
      ytdPurchases: '10080.00',
      basis: '25080.00',
      totalRebate: '452.40',
      incrementalRebate: '350.80',
      effectiveRatePct: 2.34,
      breakdown: [
        { from: '0.00', to: '10000.00', ratePct: 1, base: '10000.00', rebate: '100.00' },
        { from: '10000.00', to: '20000.00', ratePct: 2, base: '10000.00', rebate: '200.00' },
        { from: '20000.00', to: null, ratePct: 3, base: '5080.00', rebate: '152.40' },
      ],
      compliance: { ok: true, minMarginPct: 12.5, messages: [] },
    });
    expect(response.body.compliance).not.toHaveProperty('marginAfterRebatePct');
    expect(response.body.calculationId).toEqual(expect.any(String));
  });

  it('checks a quote’s margin after the rebate against the floor', async () => {
    const quoteId = await quoteOf(haitian);
    // (42,000 − 30,000 − 350.80) / 42,000 = 27.74 %.
    const ok = (await calculate({ customerId: haitian, estimatedAmount: '15000.00', quoteId }))
      .body as Calculation;
    expect(ok.compliance).toEqual({
      ok: true,
      marginAfterRebatePct: 27.74,
      minMarginPct: 12.5,
      messages: [],
    });
    // basis 310,080.00: 300.00 + 290,080 × 3 % = 9,002.40; incremental 8,900.80;
    // (42,000 − 30,000 − 8,900.80) / 42,000 = 7.38 %.
    const below = (await calculate({ customerId: haitian, estimatedAmount: '300000.00', quoteId }))
      .body as Calculation;
    expect(below).toMatchObject({ incrementalRebate: '8900.80', effectiveRatePct: 2.97 });
    expect(below.compliance).toEqual({
      ok: false,
      marginAfterRebatePct: 7.38,
      minMarginPct: 12.5,
      messages: [{ code: 'BELOW_POST_REBATE_FLOOR', text: '当前报价低于返点后底线毛利率' }],
    });
  });

  it('refuses another customer’s quote (422) and a quote out of scope (404)', async () => {
    const quoteId = await quoteOf(haitian);
    const other = await customer(app.adminAuth, '宁波海天机械有限公司（北仑分厂）');
    const wrong = await calculate({ customerId: other, estimatedAmount: '1000.00', quoteId });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('QUOTE_OF_ANOTHER_CUSTOMER');
    const mine = await customer(u.wang.auth, '杭州精工配件有限公司');
    await calculate({ customerId: mine, estimatedAmount: '1000.00', quoteId }, u.wang.auth).expect(
      404,
    );
  });

  it('finds a customer by exact name in scope; a shared name is 409 AMBIGUOUS_CUSTOMER', async () => {
    const name = '温州瑞达阀门有限公司';
    const wangs = await customer(u.wang.auth, name);
    const zhaos = await customer(u.zhao.auth, name);
    const byName = await calculate(
      { customerName: name, estimatedAmount: '10000.00' },
      u.wang.auth,
    );
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ ytdPurchases: '0.00', totalRebate: '100.00' });
    const ambiguous = await calculate({ customerName: name, estimatedAmount: '1.00' }, u.li.auth);
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.code).toBe('AMBIGUOUS_CUSTOMER');
    expect([...ambiguous.body.candidates].sort()).toEqual([wangs, zhaos].sort());
    await calculate({ customerName: '不存在的公司', estimatedAmount: '1.00' }).expect(404);
    await calculate({ customerId: wangs, customerName: name, estimatedAmount: '1.00' }).expect(400);
    await calculate({ estimatedAmount: '1.00' }).expect(400);
  });

  it('answers 404 to a rep of another team for a customer it cannot see', async () => {
    const wangs = await customer(u.wang.auth, '杭州精工配件有限公司');
    await calculate({ customerId: wangs, estimatedAmount: '1.00' }, u.liu.auth).expect(404);
    await calculate({ customerId: wangs, estimatedAmount: '1.00' }, u.wang.auth).expect(200);
  });

  it('answers 422 NO_REBATE_POLICY when no policy for the segment is valid today', async () => {
    const shop = await customer(app.adminAuth, '上海味好美食品商行', 'b2c');
    const response = await calculate({ customerId: shop, estimatedAmount: '1.00' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('NO_REBATE_POLICY');
  });

  it('PATCHes with If-Match: a new version, a snapshot, and recorded calculations keep theirs', async () => {
    const before = (await calculate({ customerId: haitian, estimatedAmount: '15000.00' }))
      .body as Calculation;
    const patched = await app
      .patch(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth, { capAmount: '400.00' }, 1)
      .expect(200);
    expect(patched.body).toMatchObject({ version: 2, capAmount: '400.00' });
    expect(patched.body.formula).toBe(`${b2bPolicy.formula}；封顶 400`);
    const stale = await app.patch(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth, {}, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    await app
      .patch(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth, { tiers: [...LADDER].reverse() })
      .expect(400);
    const unchanged = await app
      .patch(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth, { capAmount: '400' }, 2)
      .expect(200);
    expect(unchanged.body.version).toBe(2);
    const intoB2c = await app.patch(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth, {
      segments: ['b2b', 'b2c'],
    });
    expect(intoB2c.body.code).toBe('POLICY_OVERLAP');
    await app.patch(`/rebate-policies/${randomUUID()}`, app.adminAuth, { name: '无' }).expect(404);

    const [recorded] = await app.sql<{ policy_version: number }>(
      'SELECT policy_version FROM rebate_calculations WHERE id = $1',
      [before.calculationId],
    );
    expect(recorded.policy_version).toBe(1);
    const audited = await app.sql<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity = 'rebate_policy' AND entity_id = $1 ORDER BY seq",
      [b2bPolicy.id],
    );
    expect(audited.map(({ action }) => action)).toEqual(['created', 'updated']);
    const v1 = await app.get(`/rebate-policies/${b2bPolicy.id}/versions/1`, u.wang.auth);
    expect(v1.body).toMatchObject({ version: 1, capAmount: null, formula: b2bPolicy.formula });
    await app.get(`/rebate-policies/${b2bPolicy.id}/versions/3`, u.wang.auth).expect(404);

    // Capped: rebate(25,080) = 400.00, rebate(10,080) = 101.60.
    const after = (await calculate({ customerId: haitian, estimatedAmount: '15000.00' }))
      .body as Calculation;
    expect(after).toMatchObject({
      policyVersion: 2,
      totalRebate: '400.00',
      incrementalRebate: '298.40',
    });
  });

  it('simulates amounts as annual purchases; more than 1,000 amounts is 400', async () => {
    const flat = (
      await createPolicy({
        method: 'flat_tier',
        tiers: [
          { threshold: '0.00', ratePct: 1 },
          { threshold: '100000.00', ratePct: 2 },
        ],
        segments: ['b2c'],
        validFrom: '2035-01-01',
        validTo: '2035-12-31',
      }).expect(201)
    ).body as Policy;
    const simulation = await app
      .post(`/rebate-policies/${flat.id}/simulate`, u.wang.auth, {
        amounts: ['0.00', '50000.00', '99999.99', '150000.00'],
      })
      .expect(200);
    expect(simulation.body).toEqual({
      policyId: flat.id,
      policyName: '2027 年度工业配件经销商返点',
      policyVersion: 1,
      formula: '0–100,000：全额 × 1 %；100,000 以上：全额 × 2 %',
      items: [
        { amount: '0.00', rebate: '0.00', effectiveRatePct: 0 },
        { amount: '50000.00', rebate: '500.00', effectiveRatePct: 1 },
        { amount: '99999.99', rebate: '1000.00', effectiveRatePct: 1 },
        { amount: '150000.00', rebate: '3000.00', effectiveRatePct: 2 },
      ],
    });
    const tooMany = Array.from({ length: 1001 }, () => '1.00');
    await app
      .post(`/rebate-policies/${flat.id}/simulate`, u.wang.auth, { amounts: tooMany })
      .expect(400);
  });

  it('deletes a policy no calculation applied, with its versions; one that answered is 409 POLICY_IN_USE', async () => {
    const unused = (
      await createPolicy({
        segments: ['b2c'],
        validFrom: '2045-01-01',
        validTo: '2045-12-31',
      }).expect(201)
    ).body as Policy;
    await app.delete(`/rebate-policies/${unused.id}`, u.wang.auth).expect(403);
    await app.delete(`/rebate-policies/${unused.id}`, app.adminAuth).expect(204);
    await app.get(`/rebate-policies/${unused.id}`, app.adminAuth).expect(404);
    await app.get(`/rebate-policies/${unused.id}/versions/1`, app.adminAuth).expect(404);
    await app.delete(`/rebate-policies/${unused.id}`, app.adminAuth).expect(404);

    const used = await app.delete(`/rebate-policies/${b2bPolicy.id}`, app.adminAuth).expect(409);
    expect(used.body).toMatchObject({ code: 'POLICY_IN_USE', calculations: expect.any(Number) });
    const [{ actions }] = await app.sql<{ actions: string[] }>(
      `SELECT array_agg(action ORDER BY seq) AS actions FROM audit_events WHERE entity_id = $1`,
      [unused.id],
    );
    expect(actions).toEqual(['created', 'deleted']);
  });
});

describe('rebate demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const counts = async () =>
    (
      await app.sql<{ policies: number; orders: number }>(
        `SELECT (SELECT count(*)::int FROM rebate_policies) AS policies,
                (SELECT count(*)::int FROM orders) AS orders`,
      )
    )[0];

  it('writes one policy of each method, for each segment', async () => {
    const policies = await app.sql<{ method: string; segments: string[] }>(
      'SELECT method, segments FROM rebate_policies ORDER BY method',
    );
    expect(policies).toEqual([
      { method: 'flat_tier', segments: ['b2c'] },
      { method: 'progressive', segments: ['b2b'] },
    ]);
  });

  it('gives an industrial customer near a tier a what-if that crosses it', async () => {
    const [{ name }] = await app.sql<{ name: string }>(
      'SELECT name FROM customers WHERE erp_code = $1',
      ['CUST00001'],
    );
    const answer = await app
      .post('/rebates/calculate', app.adminAuth, {
        customerName: name,
        estimatedAmount: '200000.00',
      })
      .expect(200);
    // 1,850,000 this year; 2,000,000 × 1 % + 50,000 × 1.5 % = 20,750 against 18,500 before.
    expect(answer.body).toMatchObject({
      ytdPurchases: '1850000.00',
      basis: '2050000.00',
      totalRebate: '20750.00',
      incrementalRebate: '2250.00',
      effectiveRatePct: 1.13,
    });
  });

  it('seeds nothing new when seeding again', async () => {
    const before = await counts();
    await app.running.app.get(RebatesDemoSeeder).seed();
    expect(await counts()).toEqual(before);
  });
});
