import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import { QUOTE_STATUSES } from '../src/modules/quotes/domain/quote-status';
import { QuotesDemoSeeder } from '../src/modules/quotes/quotes.demo-seeder';
import { OrgFactory, EastRegion, TestUser } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

interface QuoteLine {
  productId: string;
  qty: number;
  unitPrice: string;
  listPrice: string;
  amount: string;
  marginPct: number | null;
  discountPct: number | null;
  floorPrice: string;
}
interface Quote {
  id: string;
  number: string;
  version: number;
  status: string;
  ownerId: string;
  lines: QuoteLine[];
  totals: Record<string, string | number | null>;
  approvalRequired: boolean;
  approvalReason: string;
  validUntil: string | null;
  note: string | null;
}
interface Approval {
  status: string;
  quoteStatus: string;
  reason: string;
  steps: {
    id: string;
    role: string;
    status: string;
    deciderId: string | null;
    comment: string | null;
  }[];
}
interface StepItem {
  id: string;
  quoteId: string;
  quoteNumber: string;
  role: string;
  stepIndex: number;
}

describe('quotes and approvals', () => {
  let app: TestApp;
  let u: EastRegion;
  let finance: TestUser;
  let make: QuoteFactory;
  let bearing: TestProduct;
  let customerId: string;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    const head = await org.orgUnit({ type: 'region', name: '财务中心' });
    finance = await org.user({ roles: ['finance_bp'], orgUnitId: head });
    make = new QuoteFactory(app);
    bearing = await make.product();
    customerId = await make.customer(u.wang.auth);
  });
  afterAll(() => app.close());

  const createQuote = async (unitPrice = '39.80', auth = u.wang.auth, customer = customerId) =>
    (
      await app
        .post('/quotes', auth, {
          customerId: customer,
          lines: [{ productId: bearing.id, qty: 120, unitPrice }],
          validUntil: '2026-12-31',
        })
        .expect(201)
    ).body as Quote;
  const submit = async (id: string, auth = u.wang.auth) =>
    (await app.post(`/quotes/${id}/submit`, auth).expect(200)).body as Quote;
  const approval = async (id: string, auth = u.wang.auth) =>
    (await app.get(`/quotes/${id}/approval`, auth).expect(200)).body as Approval;
  const pendingFor = async (auth: string) =>
    (
      (await app.get('/approvals?status=pending&limit=500', auth).expect(200)).body as {
        items: StepItem[];
      }
    ).items;

  it('prices a quote with the contract’s figures and a human-readable number', async () => {
    const quote = await createQuote();
    expect(quote).toMatchObject({
      number: expect.stringMatching(/^Q-\d{4}-\d{6,}$/),
      version: 1,
      status: 'draft',
      ownerId: u.wang.id,
      approvalRequired: true,
      validUntil: '2026-12-31',
      totals: {
        amount: '4776.00',
        cost: '3600.00',
        marginPct: 24.62,
        taxAmount: '620.88',
        amountWithTax: '5396.88',
      },
    });
    expect(quote.lines[0]).toMatchObject({
      amount: '4776.00',
      discountPct: 5.24,
      marginPct: 24.62,
      floorPrice: '34.29',
    });
    expect(quote.approvalReason).toContain('5.24 %');
  });

  it('refuses a line below its floor price with 422 BELOW_FLOOR_MARGIN naming the line', async () => {
    const response = await app
      .post('/quotes', u.wang.auth, {
        customerId,
        lines: [
          { productId: bearing.id, qty: 1, unitPrice: '40.00' },
          { productId: bearing.id, qty: 1, unitPrice: '34.28' },
        ],
      })
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'BELOW_FLOOR_MARGIN',
      errors: [{ field: 'lines[1].unitPrice' }],
      lines: [{ index: 1, floorPrice: '34.29', minMarginPct: 12.5 }],
    });
  });

  it('walks the default chain supervisor → finance BP → regional director, in order', async () => {
    const quote = await createQuote();
    expect((await submit(quote.id)).status).toBe('pending_approval');

    const chain = await approval(quote.id);
    expect(chain.steps.map((s) => [s.role, s.status])).toEqual([
      ['supervisor', 'pending'],
      ['finance_bp', 'waiting'],
      ['regional_director', 'waiting'],
    ]);
    const [first, second, third] = chain.steps.map((s) => s.id);

    // Out of turn, by the right people; by the wrong people; by the owner.
    await app
      .post(`/approvals/${second}/approve`, finance.auth, {})
      .expect(409)
      .expect((r) => {
        expect(r.body.code).toBe('NOT_YOUR_TURN');
      });
    await app
      .post(`/approvals/${first}/approve`, finance.auth, {})
      .expect(403)
      .expect((r) => {
        expect(r.body.code).toBe('NOT_THE_DECIDER');
      });
    await app.post(`/approvals/${first}/approve`, u.sun.auth).expect(404);
    await app
      .post(`/approvals/${first}/approve`, u.wang.auth, {})
      .expect(403)
      .expect((r) => {
        expect(r.body.code).toBe('SELF_APPROVAL');
      });

    expect((await pendingFor(u.li.auth)).map((s) => s.id)).toContain(first);
    expect((await pendingFor(finance.auth)).map((s) => s.id)).not.toContain(second);
    const liTodos = (await app.get('/todos?type=approval&status=open', u.li.auth).expect(200))
      .body as {
      items: { payload: { stepId: string } }[];
    };
    expect(liTodos.items.map((t) => t.payload.stepId)).toContain(first);

    await app.post(`/approvals/${first}/approve`, u.li.auth, { comment: '同意' }).expect(200);
    await app
      .post(`/approvals/${first}/approve`, u.li.auth, {})
      .expect(409)
      .expect((r) => {
        expect(r.body.code).toBe('ALREADY_DECIDED');
      });
    const liAfter = (await app.get('/todos?type=approval&status=open', u.li.auth).expect(200))
      .body as {
      items: { payload: { stepId: string } }[];
    };
    expect(liAfter.items.map((t) => t.payload.stepId)).not.toContain(first);
    expect((await pendingFor(finance.auth)).map((s) => s.id)).toContain(second);

    await app.post(`/approvals/${second}/approve`, finance.auth, {}).expect(200);
    const done = (await app.post(`/approvals/${third}/approve`, u.zhou.auth, {}).expect(200))
      .body as Approval;
    expect(done).toMatchObject({ status: 'approved', quoteStatus: 'approved' });
    expect(done.steps.map((s) => s.deciderId)).toEqual([u.li.id, finance.id, u.zhou.id]);
  });

  it('of concurrent decisions on one step, exactly one wins and the others get 409', async () => {
    const quote = await createQuote();
    await submit(quote.id);
    const [first] = (await approval(quote.id)).steps;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => app.post(`/approvals/${first.id}/approve`, u.li.auth, {})),
    ).then((responses) => responses.map((r) => r.status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
  });

  it('a rejection ends the chain; an edit makes version 2 a draft again, versions stay archived', async () => {
    const quote = await createQuote();
    await submit(quote.id);
    const [first] = (await approval(quote.id)).steps;
    const rejected = (
      await app
        .post(`/approvals/${first.id}/reject`, u.li.auth, { comment: '折扣过大' })
        .expect(200)
    ).body as Approval;
    expect(rejected.quoteStatus).toBe('rejected');
    expect(rejected.steps.map((s) => s.status)).toEqual(['rejected', 'cancelled', 'cancelled']);

    const edited = (
      await app
        .patch(
          `/quotes/${quote.id}`,
          u.wang.auth,
          { lines: [{ productId: bearing.id, qty: 120, unitPrice: '42.00' }] },
          1,
        )
        .expect(200)
    ).body as Quote;
    expect(edited).toMatchObject({ version: 2, status: 'draft', approvalRequired: false });
    await app.patch(`/quotes/${quote.id}`, u.wang.auth, { note: 'x' }, 1).expect(409);

    const v1 = (await app.get(`/quotes/${quote.id}/versions/1`, u.wang.auth).expect(200))
      .body as Quote;
    expect(v1.lines[0].unitPrice).toBe('39.80');
    const versions = (await app.get(`/quotes/${quote.id}/versions`, u.wang.auth).expect(200))
      .body as {
      items: Quote[];
    };
    expect(versions.items.map((v) => v.version)).toEqual([1, 2]);

    expect((await submit(quote.id)).status).toBe('approved');
    expect((await approval(quote.id)).status).toBe('not_required');
  });

  it('editing a pending quote cancels its chain and closes the deciders’ todos', async () => {
    const quote = await createQuote();
    await submit(quote.id);
    const [first] = (await approval(quote.id)).steps;
    await app.patch(`/quotes/${quote.id}`, u.wang.auth, { note: '改为月结' }).expect(200);
    expect((await pendingFor(u.li.auth)).map((s) => s.id)).not.toContain(first.id);
    await app.post(`/approvals/${first.id}/approve`, u.li.auth, {}).expect(409);
  });

  it('a custom policy picks the matching rule with the highest threshold', async () => {
    await app
      .put('/approval-policies', app.adminAuth, {
        rules: [
          { minDiscountPct: 0, chain: ['supervisor'] },
          { minDiscountPct: 10, chain: ['supervisor', 'finance_bp'] },
        ],
      })
      .expect(200);
    try {
      const small = await createQuote('39.80'); // 5.24 %
      await submit(small.id);
      expect((await approval(small.id)).steps.map((s) => s.role)).toEqual(['supervisor']);
      const large = await createQuote('37.00'); // 11.9 %
      await submit(large.id);
      const chain = await approval(large.id);
      expect(chain.steps.map((s) => s.role)).toEqual(['supervisor', 'finance_bp']);
      expect(chain.reason).toContain('10 %');
    } finally {
      await app
        .put('/approval-policies', app.adminAuth, {
          rules: [{ minDiscountPct: 0, chain: ['supervisor', 'finance_bp', 'regional_director'] }],
        })
        .expect(200);
    }
  });

  it('marks a quote lost with its reason; a lost quote cannot change (409 naming its status)', async () => {
    const quote = await createQuote();
    const lost = (
      await app
        .post(`/quotes/${quote.id}/lose`, u.wang.auth, { reason: '客户选择了竞品' })
        .expect(200)
    ).body as Quote & { lostReason: string };
    expect(lost).toMatchObject({ status: 'lost', lostReason: '客户选择了竞品' });
    const response = await app.post(`/quotes/${quote.id}/submit`, u.wang.auth).expect(409);
    expect(response.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'lost' });
  });

  it('keeps quotes in scope: another team’s supervisor gets 404', async () => {
    const quote = await createQuote();
    await app.get(`/quotes/${quote.id}`, u.sun.auth).expect(404);
    await app.get(`/quotes/${quote.id}`, u.li.auth).expect(200);
    await app.get(`/quotes/${quote.id}`, finance.auth).expect(200);
  });

  it('lists open quotes in the customer brief', async () => {
    const customer = await make.customer(u.wang.auth, '宁波烘焙连锁');
    const quote = await createQuote('42.00', u.wang.auth, customer);
    const brief = (await app.get(`/customers/${customer}/brief`, u.wang.auth).expect(200)).body as {
      openQuotes: { id: string; number: string; status: string; amount: string }[];
    };
    expect(brief.openQuotes).toEqual([
      expect.objectContaining({
        id: quote.id,
        number: quote.number,
        status: 'draft',
        amount: '5040.00',
      }),
    ]);
  });
});

describe('quote demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const pending = async (username: string) =>
    (
      (
        await app
          .get('/approvals?status=pending&limit=500', await app.login(username, DEMO_PASSWORD))
          .expect(200)
      ).body as { items: StepItem[] }
    ).items;

  it('gives the supervisor, the finance BP and the regional director a step to decide', async () => {
    const supervisor = await pending('li.supervisor');
    expect(supervisor.length).toBeGreaterThanOrEqual(1);
    expect(supervisor.every((step) => step.role === 'supervisor' && step.stepIndex === 0)).toBe(
      true,
    );
    const finance = await pending('zheng.finance');
    expect(finance).toContainEqual(expect.objectContaining({ role: 'finance_bp', stepIndex: 1 }));
    const director = await pending('zhou.region');
    expect(director).toContainEqual(
      expect.objectContaining({ role: 'regional_director', stepIndex: 2 }),
    );
    const todos = (
      await app.get('/todos?type=approval', await app.login('zheng.finance', DEMO_PASSWORD))
    ).body as { items: { payload: { stepId: string } }[] };
    expect(todos.items.map((todo) => todo.payload.stepId)).toEqual(
      expect.arrayContaining(finance.map((step) => step.id)),
    );
  });

  it('has quotes in every status, a rejection with its comment and an edited quote', async () => {
    const auth = await app.login('chen.director', DEMO_PASSWORD);
    for (const status of QUOTE_STATUSES) {
      const page = (await app.get(`/quotes?status=${status}`, auth).expect(200)).body as {
        items: Quote[];
      };
      // Names the status when it fails: [] does not contain 'won'.
      expect(page.items.map((quote) => quote.status)).toContain(status);
    }
    const [rejected] = (
      (await app.get('/quotes?status=rejected', auth).expect(200)).body as { items: Quote[] }
    ).items;
    const chain = (await app.get(`/quotes/${rejected.id}/approval`, auth).expect(200))
      .body as Approval;
    expect(chain.steps.map((step) => step.status)).toEqual(['approved', 'rejected', 'cancelled']);
    expect(chain.steps[1].comment).toContain('不同意');
    const lost = (
      (await app.get('/quotes?status=lost', auth).expect(200)).body as {
        items: { lostReason: string }[];
      }
    ).items.map((quote) => quote.lostReason);
    expect(lost).toContain('客户选择了竞品，价格低 8 %');
    const [edited] = await app.sql<{ id: string }>(
      'SELECT quote_id AS id FROM quote_versions GROUP BY quote_id HAVING max(version) = 3',
    );
    const versions = (await app.get(`/quotes/${edited.id}/versions`, auth).expect(200)).body as {
      items: { version: number }[];
    };
    expect(versions.items.map((version) => version.version)).toEqual([1, 2, 3]);
    expect((await app.get('/quote-templates', auth).expect(200)).body.items).toHaveLength(4);
  });

  it('seeds nothing new when seeding again', async () => {
    const counts = async () =>
      (
        await app.sql(
          `SELECT (SELECT count(*)::int FROM quotes) AS quotes,
                  (SELECT count(*)::int FROM quote_versions) AS versions,
                  (SELECT count(*)::int FROM quote_templates) AS templates,
                  (SELECT count(*)::int FROM approval_steps) AS steps,
                  (SELECT count(*)::int FROM todos WHERE type = 'approval') AS todos,
                  (SELECT count(*)::int FROM audit_events) AS events`,
        )
      )[0];
    const before = await counts();
    expect(before.quotes).toBe(11);
    await app.running.app.get(QuotesDemoSeeder).seed();
    expect(await counts()).toEqual(before);
  });
});
