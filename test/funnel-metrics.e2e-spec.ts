import { randomUUID } from 'node:crypto';
import { FunnelAnomalyDemoSeeder } from '../src/modules/metrics/anomaly/funnel-anomaly.demo-seeder';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Compliance, the funnel, the funnel anomaly job and its precision
 * (API.md §8), on hand-computed fixtures in the past. The organisation's zone
 * is the default Asia/Shanghai (UTC+8): a day starts at 16:00Z the day before.
 */
interface Compliance {
  due: number;
  fulfilled: number;
  ratePct: number | null;
  groups: { key: string; name: string; due: number; fulfilled: number; ratePct: number }[];
  definition: string;
}
interface Bucket {
  week: string;
  from: string;
  to: string;
  stages: { lead: number; contacted: number; quoted: number; won: number };
  quotes: { won: number; lost: number; lossRatePct: number | null };
}
interface Evaluation {
  week: string;
  breach: boolean;
  reason: string;
  lossRatePct: number | null;
  meanPct: number | null;
  sigmaPct: number | null;
  thresholdPct: number | null;
  closed: number;
  baselineWeeks: number;
  baseline: { week: string; won: number; lost: number; lossRatePct: number | null }[];
  todosCreated: number;
}
interface Todo {
  id: string;
  type: string;
  title: string;
  status: string;
  resolution: string | null;
  note: string | null;
  version: number;
  payload: Record<string, unknown>;
}

describe('funnel metrics', () => {
  let app: TestApp;
  let u: EastRegion;
  let finance: TestUser;
  let directorA: TestUser;
  let directorB: TestUser;
  let formerDirector: TestUser;
  let make: QuoteFactory;
  let bearing: TestProduct;
  let quoteSeq = 0;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    const head = await org.orgUnit({ type: 'region', name: '总部' });
    finance = await org.user({ roles: ['finance_bp'], orgUnitId: head });
    directorA = await org.user({ roles: ['sales_director'], orgUnitId: head });
    directorB = await org.user({ roles: ['sales_director'], orgUnitId: head });
    formerDirector = await org.user({ roles: ['sales_director'], orgUnitId: head });
    await app.sql('UPDATE users SET active = false WHERE id = $1', [formerDirector.id]);
    make = new QuoteFactory(app);
    bearing = await make.product();
  });
  afterAll(() => app.close());

  const followUp = (
    customerId: string,
    auth: string,
    occurredAt: string,
    extra: { nextTouchAt?: string; stage?: string },
  ) =>
    app
      .post(`/customers/${customerId}/follow-ups`, auth, {
        channel: 'wechat',
        occurredAt,
        summary: '微信沟通采购计划，客户表示会尽快答复。',
        nextTouchAt: '2099-01-01T00:00:00.000Z',
        ...extra,
      })
      .expect(201);

  /** A customer of `auth` whose creation is back-dated to `createdAt`. */
  async function customerCreatedAt(auth: string, createdAt: string, name = '杭州精工配件有限公司') {
    const id = await make.customer(auth, name);
    await app.sql('UPDATE customers SET created_at = $2 WHERE id = $1', [id, createdAt]);
    return id;
  }

  /** A quote row written directly (the API forbids back-dated closes), won or lost. */
  async function closedQuote(input: {
    customerId: string;
    ownerId: string;
    createdAt: string;
    wonAt?: string;
    lostAt?: string;
    reason?: string;
    amount?: string;
  }): Promise<string> {
    const id = randomUUID();
    const amount = input.amount ?? '1000.00';
    const number = `BJ-T-${process.pid}-${++quoteSeq}`;
    await app.sql(
      `INSERT INTO quotes (id, number, customer_id, owner_id, status, totals, lost_reason, lost_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        number,
        input.customerId,
        input.ownerId,
        input.wonAt ? 'won' : 'lost',
        { amount, cost: '800.00', marginPct: 20, taxAmount: '130.00', amountWithTax: '1130.00' },
        input.lostAt ? (input.reason ?? '价格太高') : null,
        input.lostAt ?? null,
        input.createdAt,
      ],
    );
    if (input.wonAt) {
      await app.sql(
        `INSERT INTO contracts (contract_no, quote_id, quote_version, customer_id, owner_id, amount,
           amount_with_tax, lines, signed_at)
         VALUES ($1, $2, 1, $3, $4, $5, $5, '[]', $6)`,
        [`HT-T-${number}`, id, input.customerId, input.ownerId, amount, input.wonAt],
      );
    }
    return id;
  }

  describe('GET /metrics/compliance', () => {
    // The week 2025-06-02 (Mon) to 2025-06-09 in Shanghai: 2025-06-01T16:00Z to 2025-06-08T16:00Z.
    const range = 'from=2025-06-02&to=2025-06-09';

    /** A quote needing approval (below list price), approved through the whole chain, then signed. */
    async function approvedAndSigned(customerId: string, signedAt: string): Promise<string> {
      const quote = (
        await app
          .post('/quotes', u.wang.auth, {
            customerId,
            lines: [{ productId: bearing.id, qty: 100, unitPrice: '39.80' }],
          })
          .expect(201)
      ).body as { id: string; approvalRequired: boolean };
      expect(quote.approvalRequired).toBe(true);
      await app.post(`/quotes/${quote.id}/submit`, u.wang.auth).expect(200);
      const steps = (
        (await app.get(`/quotes/${quote.id}/approval`, u.wang.auth).expect(200)).body as {
          steps: { id: string }[];
        }
      ).steps;
      const deciders = [u.li.auth, finance.auth, u.zhou.auth];
      for (const [index, step] of steps.entries()) {
        await app.post(`/approvals/${step.id}/approve`, deciders[index], {}).expect(200);
      }
      await app.post(`/quotes/${quote.id}/contract`, u.wang.auth, { signedAt }).expect(201);
      return quote.id;
    }

    beforeAll(async () => {
      // 王: A promised 06-03 02:00Z and touched 06-04 01:00Z, within the 24 h grace: fulfilled.
      const a = await make.customer(u.wang.auth, '宁波甬达五金');
      await followUp(a, u.wang.auth, '2025-05-30T02:00:00.000Z', {
        nextTouchAt: '2025-06-03T02:00:00.000Z',
      });
      await followUp(a, u.wang.auth, '2025-06-04T01:00:00.000Z', {
        nextTouchAt: '2025-07-01T02:00:00.000Z',
      });
      // 王: B promised 06-04 02:00Z, touched 06-05 03:00Z (an hour past the grace): not
      // fulfilled; that touch promised 06-08 15:00Z (Sunday 23:00 in Shanghai) and nothing came.
      const b = await make.customer(u.wang.auth, '温州瓯江机电');
      await followUp(b, u.wang.auth, '2025-05-30T02:00:00.000Z', {
        nextTouchAt: '2025-06-04T02:00:00.000Z',
      });
      await followUp(b, u.wang.auth, '2025-06-05T03:00:00.000Z', {
        nextTouchAt: '2025-06-08T15:00:00.000Z',
      });
      // 刘: C promised 06-06 and was touched early, on 06-05: a touch before the date counts.
      const c = await make.customer(u.liu.auth, '上海浦江商贸');
      await followUp(c, u.liu.auth, '2025-05-31T02:00:00.000Z', {
        nextTouchAt: '2025-06-06T00:00:00.000Z',
      });
      await followUp(c, u.liu.auth, '2025-06-05T00:00:00.000Z', {
        nextTouchAt: '2025-07-01T00:00:00.000Z',
      });
      // 刘: D's promises fall just outside: 06-01 15:30Z is Sunday 23:30 before the week,
      // 06-08 16:00Z is Monday 00:00 after it.
      const d = await make.customer(u.liu.auth, '苏州姑苏百货');
      await followUp(d, u.liu.auth, '2025-05-25T00:00:00.000Z', {
        nextTouchAt: '2025-06-01T15:30:00.000Z',
      });
      await followUp(d, u.liu.auth, '2025-06-01T10:00:00.000Z', {
        nextTouchAt: '2025-06-08T16:00:00.000Z',
      });
      // 王's two quotes that needed approval, signed in the week: the first approved
      // (back-dated) the day before signing, the second approved only today, after its
      // back-dated signature.
      const e = await make.customer(u.wang.auth, '杭州钱塘轴承');
      const early = await approvedAndSigned(e, '2025-06-04T02:00:00.000Z');
      await app.sql(
        `UPDATE approval_steps SET decided_at = '2025-06-03T02:00:00Z' WHERE quote_id = $1`,
        [early],
      );
      await approvedAndSigned(e, '2025-06-05T02:00:00.000Z');
    });

    it('counts the obligations due in the range and the approvals before signing, by rep', async () => {
      const body = (
        await app.get(`/metrics/compliance?${range}&groupBy=rep`, app.adminAuth).expect(200)
      ).body as Compliance;
      // 王: A (done), B twice (missed), early quote (done), late quote (missed): 2 of 5.
      // 刘: C (done): 1 of 1. D's two lie outside the week.
      expect(body).toMatchObject({ due: 6, fulfilled: 3, ratePct: 50 });
      expect(body.groups).toEqual(
        expect.arrayContaining([
          { key: u.wang.id, name: `测试${u.wang.username}`, due: 5, fulfilled: 2, ratePct: 40 },
          { key: u.liu.id, name: `测试${u.liu.username}`, due: 1, fulfilled: 1, ratePct: 100 },
        ]),
      );
      expect(body.groups).toHaveLength(2);
      expect(body.definition).toMatch(/nextTouchAt/);
    });

    it('groups by the owner’s team', async () => {
      const body = (
        await app
          .get(`/metrics/compliance?${range}&groupBy=team`, app.adminAuth)
          .set('accept-language', 'zh-CN')
          .expect(200)
      ).body as Compliance;
      expect(
        body.groups.map(({ name, due, fulfilled, ratePct }) => ({ name, due, fulfilled, ratePct })),
      ).toEqual(
        expect.arrayContaining([
          { name: '上海快消渠道组', due: 1, fulfilled: 1, ratePct: 100 },
          { name: '杭州工业配件组', due: 5, fulfilled: 2, ratePct: 40 },
        ]),
      );
      expect(body.groups).toHaveLength(2);
      expect(body.definition).toMatch(/履约/);
    });

    it('covers only a rep’s own, and a supervisor’s chain', async () => {
      const own = (
        await app.get(`/metrics/compliance?${range}&groupBy=rep`, u.liu.auth).expect(200)
      ).body as Compliance;
      expect(own).toMatchObject({ due: 1, fulfilled: 1, ratePct: 100 });
      expect(own.groups.map((g) => g.key)).toEqual([u.liu.id]);
      const chain = (
        await app.get(`/metrics/compliance?${range}&groupBy=rep`, u.li.auth).expect(200)
      ).body as Compliance;
      expect(chain).toMatchObject({ due: 5, fulfilled: 2, ratePct: 40 });
    });

    it('gives ratePct null when nothing is due', async () => {
      const body = (
        await app
          .get('/metrics/compliance?from=2020-01-01&to=2020-02-01&groupBy=rep', app.adminAuth)
          .expect(200)
      ).body as Compliance;
      expect(body).toMatchObject({ due: 0, fulfilled: 0, ratePct: null, groups: [] });
    });

    it('rejects a range that ends before it starts, and a bad groupBy', async () => {
      const bad = await app
        .get('/metrics/compliance?from=2025-06-09&to=2025-06-02&groupBy=rep', app.adminAuth)
        .expect(400);
      expect((bad.body as { errors: { field: string }[] }).errors[0].field).toBe('to');
      await app.get(`/metrics/compliance?${range}&groupBy=store`, app.adminAuth).expect(400);
    });
  });

  describe('GET /metrics/funnel', () => {
    // W10 of 2025: Mon 03-03 to Mon 03-10 in Shanghai (03-02T16:00Z to 03-09T16:00Z); W11 after it.
    beforeAll(async () => {
      // P (王): lead and contacted in W10, quoted (a quote) and won (its contract) in W11.
      const p = await customerCreatedAt(u.wang.auth, '2025-03-04T02:00:00.000Z', '嘉兴南湖电器');
      await followUp(p, u.wang.auth, '2025-03-05T02:00:00.000Z', { stage: 'contacted' });
      await closedQuote({
        customerId: p,
        ownerId: u.wang.id,
        createdAt: '2025-03-11T02:00:00.000Z',
        wonAt: '2025-03-12T02:00:00.000Z',
      });
      // Q (王): a follow-up straight to quoted in W10 reaches contacted too; its quote is
      // lost on Sunday 23:59:59 in Shanghai, still W10.
      const q = await customerCreatedAt(u.wang.auth, '2025-03-04T03:00:00.000Z', '湖州太湖纺机');
      await followUp(q, u.wang.auth, '2025-03-06T02:00:00.000Z', { stage: 'quoted' });
      await closedQuote({
        customerId: q,
        ownerId: u.wang.id,
        createdAt: '2025-03-06T03:00:00.000Z',
        lostAt: '2025-03-09T15:59:59.000Z',
      });
      // R (刘): created and quoted in W10 (no follow-up: the quote reaches contacted too);
      // lost at Monday 00:00 in Shanghai, the first instant of W11.
      const r = await customerCreatedAt(u.liu.auth, '2025-03-05T02:00:00.000Z', '上海松江超市');
      await closedQuote({
        customerId: r,
        ownerId: u.liu.id,
        createdAt: '2025-03-06T02:00:00.000Z',
        lostAt: '2025-03-09T16:00:00.000Z',
      });
      // S (王): contacted in February; contacted again in W10 is no first arrival.
      const s = await customerCreatedAt(u.wang.auth, '2025-02-20T02:00:00.000Z', '绍兴柯桥布业');
      await followUp(s, u.wang.auth, '2025-02-21T02:00:00.000Z', { stage: 'contacted' });
      await followUp(s, u.wang.auth, '2025-03-05T02:00:00.000Z', { stage: 'contacted' });
    });

    const funnel = async (auth: string, query = 'from=2025-03-05&to=2025-03-12') =>
      (
        (await app.get(`/metrics/funnel?${query}&bucket=week`, auth).expect(200)).body as {
          buckets: Bucket[];
          definition: string;
        }
      ).buckets;

    it('counts first arrivals per stage and the week’s closed quotes, in whole weeks', async () => {
      expect(await funnel(app.adminAuth)).toEqual([
        {
          week: '2025-W10',
          from: '2025-03-02T16:00:00.000Z',
          to: '2025-03-09T16:00:00.000Z',
          stages: { lead: 3, contacted: 3, quoted: 2, won: 0 },
          quotes: { won: 0, lost: 1, lossRatePct: 100 },
        },
        {
          week: '2025-W11',
          from: '2025-03-09T16:00:00.000Z',
          to: '2025-03-16T16:00:00.000Z',
          stages: { lead: 0, contacted: 0, quoted: 1, won: 1 },
          quotes: { won: 1, lost: 1, lossRatePct: 50 },
        },
      ]);
    });

    it('gives a rep its own customers only', async () => {
      const buckets = await funnel(u.wang.auth);
      expect(buckets.map((b) => [b.stages, b.quotes])).toEqual([
        [
          { lead: 2, contacted: 2, quoted: 1, won: 0 },
          { won: 0, lost: 1, lossRatePct: 100 },
        ],
        [
          { lead: 0, contacted: 0, quoted: 1, won: 1 },
          { won: 1, lost: 0, lossRatePct: 0 },
        ],
      ]);
    });

    it('gives zeros for empty weeks and a null loss rate without closed quotes', async () => {
      const buckets = await funnel(app.adminAuth, 'from=2019-12-30&to=2020-01-13');
      expect(buckets).toEqual([
        {
          week: '2020-W01',
          from: '2019-12-29T16:00:00.000Z',
          to: '2020-01-05T16:00:00.000Z',
          stages: { lead: 0, contacted: 0, quoted: 0, won: 0 },
          quotes: { won: 0, lost: 0, lossRatePct: null },
        },
        {
          week: '2020-W02',
          from: '2020-01-05T16:00:00.000Z',
          to: '2020-01-12T16:00:00.000Z',
          stages: { lead: 0, contacted: 0, quoted: 0, won: 0 },
          quotes: { won: 0, lost: 0, lossRatePct: null },
        },
      ]);
    });

    it('takes only bucket=week', async () => {
      await app
        .get('/metrics/funnel?from=2025-03-05&to=2025-03-12&bucket=day', app.adminAuth)
        .expect(400);
    });

    it('keeps its roll-up equal to the stages recomputed from every source row', async () => {
      const difference = await app.sql(
        `WITH events AS (
           SELECT id AS customer_id, 0 AS rank, created_at AS at FROM customers
           UNION ALL
           SELECT customer_id, array_position(ARRAY['contacted', 'quoted', 'won'], stage), occurred_at
           FROM follow_ups WHERE stage IN ('contacted', 'quoted', 'won')
           UNION ALL SELECT customer_id, 2, created_at FROM quotes
           UNION ALL SELECT customer_id, 3, signed_at FROM contracts
         ),
         recomputed AS (
           SELECT e.customer_id, r.rank, min(e.at) AS reached_at
           FROM events e JOIN generate_series(0, 3) AS r(rank) ON r.rank <= e.rank
           GROUP BY 1, 2
         ),
         rolled AS (SELECT customer_id, rank::int, reached_at FROM customer_funnel_stages)
         (SELECT * FROM recomputed EXCEPT SELECT * FROM rolled)
         UNION ALL (SELECT * FROM rolled EXCEPT SELECT * FROM recomputed)`,
      );
      expect(difference).toEqual([]);
      const [{ rows }] = await app.sql<{ rows: number }>(
        'SELECT count(*)::int AS rows FROM customer_funnel_stages',
      );
      expect(rows).toBeGreaterThan(0);
    });
  });

  describe('the funnel anomaly job', () => {
    let customer: string;
    /** Wednesday 12:00 in Shanghai of the week starting on `monday`. */
    const midweek = (monday: string) =>
      new Date(Date.parse(`${monday}T04:00:00Z`) + 2 * 86_400_000).toISOString();
    const addWeek = (monday: string, weeks: number) =>
      new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * 86_400_000)
        .toISOString()
        .slice(0, 10);

    async function closeQuotes(monday: string, won: number, lost: number, reasons: string[] = []) {
      const at = midweek(monday);
      for (let i = 0; i < won; i++)
        await closedQuote({ customerId: customer, ownerId: u.wang.id, createdAt: at, wonAt: at });
      for (let i = 0; i < lost; i++) {
        await closedQuote({
          customerId: customer,
          ownerId: u.wang.id,
          createdAt: at,
          lostAt: at,
          reason: reasons[i] ?? '价格太高',
          amount: `${1000 + i}.00`,
        });
      }
    }

    /** Eight weeks from `firstMonday`, alternating 20 % and 30 % lost: mean 25 %, σ 5 %, threshold 35 %. */
    async function baseline(firstMonday: string) {
      for (let i = 0; i < 8; i++) {
        await closeQuotes(addWeek(firstMonday, i), i % 2 === 0 ? 8 : 7, i % 2 === 0 ? 2 : 3);
      }
    }

    const run = async (week: string, auth = app.adminAuth) =>
      (await app.post(`/jobs/funnel-anomaly/run?week=${week}`, auth).expect(200))
        .body as Evaluation;
    const anomalyTodos = async (auth: string) =>
      ((await app.get('/todos?type=funnel_anomaly', auth).expect(200)).body as { items: Todo[] })
        .items;

    let webhookId: string;
    /** The events queued for the test's webhook (tests run without workers, so they stay queued). */
    const flagged = async () =>
      (
        (await app.get(`/webhooks/${webhookId}/deliveries`, app.adminAuth).expect(200)).body as {
          items: { event: string }[];
        }
      ).items.map((delivery) => delivery.event);

    beforeAll(async () => {
      webhookId = (
        (
          await app
            .post('/webhooks', app.adminAuth, {
              url: 'http://127.0.0.1:9/anomalies',
              events: ['funnel_anomaly.flagged'],
              secret: 'funnel-e2e-secret-0123456789',
            })
            .expect(201)
        ).body as { id: string }
      ).id;
      customer = await make.customer(u.wang.auth, '金华义乌小商品');
      // 2024-W02 … W09 (Mondays 01-08 … 02-26) make the baseline of 2024-W10 (Monday 03-04).
      await baseline('2024-01-08');
    });

    it('does not fire just below the threshold, nor exactly at it', async () => {
      await closeQuotes('2024-03-04', 19, 10); // 10 of 29: 34.48 %
      expect(await run('2024-W10')).toMatchObject({
        week: '2024-W10',
        breach: false,
        reason: 'within_threshold',
        lossRatePct: 34.48,
        meanPct: 25,
        sigmaPct: 5,
        thresholdPct: 35,
        closed: 29,
        baselineWeeks: 8,
        todosCreated: 0,
      });
      await closeQuotes('2024-03-04', 7, 4); // 14 of 40: exactly 35 %
      expect(await run('2024-W10')).toMatchObject({
        breach: false,
        reason: 'within_threshold',
        lossRatePct: 35,
        thresholdPct: 35,
        todosCreated: 0,
      });
      expect(await anomalyTodos(directorA.auth)).toEqual([]);
      expect(await flagged()).toEqual([]);
    });

    it('fires above it: one todo per active director, with the figures and the lost reasons', async () => {
      await closeQuotes('2024-03-04', 0, 2, ['交期太长', '竞品更便宜']); // 16 of 42: 38.1 %
      const evaluation = await run('2024-W10');
      expect(evaluation).toMatchObject({
        breach: true,
        reason: 'above_threshold',
        lossRatePct: 38.1,
        closed: 42,
        todosCreated: 2,
      });
      expect(evaluation.baseline.map((w) => [w.week, w.lossRatePct])).toEqual([
        ['2024-W02', 20],
        ['2024-W03', 30],
        ['2024-W04', 20],
        ['2024-W05', 30],
        ['2024-W06', 20],
        ['2024-W07', 30],
        ['2024-W08', 20],
        ['2024-W09', 30],
      ]);
      const [todo] = await anomalyTodos(directorA.auth);
      expect(todo.title).toContain('2024-W10');
      expect(todo.payload).toMatchObject({
        week: '2024-W10',
        lossRatePct: 38.1,
        meanPct: 25,
        sigmaPct: 5,
        thresholdPct: 35,
        closed: 42,
        baselineWeeks: 8,
        reasons: [
          { reason: '价格太高', count: 14 },
          { reason: '交期太长', count: 1 },
          { reason: '竞品更便宜', count: 1 },
        ],
      });
      const lostQuotes = todo.payload.lostQuotes as { customerName: string; amount: string }[];
      expect(lostQuotes).toHaveLength(16);
      expect(lostQuotes[0]).toMatchObject({ amount: '1009.00' });
      expect(lostQuotes[0].customerName).toMatch(/^金华义乌小商品/);
      expect(await anomalyTodos(directorB.auth)).toHaveLength(1);
      // A deactivated director (who can no longer sign in) gets none.
      expect(
        await app.sql('SELECT id FROM todos WHERE assignee_id = $1', [formerDirector.id]),
      ).toEqual([]);
      expect(await anomalyTodos(u.wang.auth)).toEqual([]);
      expect(await flagged()).toEqual(['funnel_anomaly.flagged']);
    });

    it('adds nothing on a re-run, nor on two concurrent runs', async () => {
      expect((await run('2024-W10')).todosCreated).toBe(0);
      const both = await Promise.all([run('2024-W10'), run('2024-W10', directorA.auth)]);
      expect(both.map((r) => r.todosCreated)).toEqual([0, 0]);
      expect(await anomalyTodos(directorA.auth)).toHaveLength(1);
      expect(await anomalyTodos(directorB.auth)).toHaveLength(1);
      expect(await flagged()).toEqual(['funnel_anomaly.flagged']);
    });

    it('makes exactly one todo per director when the first runs are concurrent', async () => {
      // 2023: a fresh baseline (W02 … W09) and a week far above it, W10 (Monday 03-06).
      await baseline('2023-01-09');
      await closeQuotes('2023-03-06', 2, 8);
      const runs = await Promise.all([run('2023-W10'), run('2023-W10'), run('2023-W10')]);
      expect(runs.map((r) => r.todosCreated).sort()).toEqual([0, 0, 2]);
      const weeks = (await anomalyTodos(directorA.auth)).map((t) => t.payload.week);
      expect(weeks.filter((w) => w === '2023-W10')).toHaveLength(1);
    });

    it('does not fire on too few closed quotes, however high the rate', async () => {
      // 2023-W11 (baseline W03 … W10: mean 32.5 %, σ 18.54 %, threshold 69.58 %) loses 4 of 4:
      // above the threshold, but on fewer than 5 closed quotes.
      await closeQuotes('2023-03-13', 0, 4);
      const evaluation = await run('2023-W11');
      expect(evaluation).toMatchObject({
        breach: false,
        reason: 'too_few_closed',
        lossRatePct: 100,
        closed: 4,
        todosCreated: 0,
      });
    });

    it('says why a week without closed quotes cannot breach', async () => {
      expect(await run('2022-W10')).toMatchObject({
        breach: false,
        reason: 'no_closed_quotes',
        lossRatePct: null,
        closed: 0,
        baselineWeeks: 0,
      });
    });

    it('is for admins and sales directors, and checks the week', async () => {
      await app.post('/jobs/funnel-anomaly/run?week=2024-W10', u.wang.auth).expect(403);
      await app.post('/jobs/funnel-anomaly/run?week=2024-W54', app.adminAuth).expect(400);
      const latest = (await app.post('/jobs/funnel-anomaly/run', app.adminAuth).expect(200))
        .body as Evaluation;
      expect(latest.week).toMatch(/^\d{4}-W\d{2}$/);
    });

    describe('closing with a judgement, and the precision', () => {
      it('requires a resolution to close a funnel_anomaly todo, and only there', async () => {
        const [todo] = await anomalyTodos(directorA.auth);
        const missing = await app
          .patch(`/todos/${todo.id}`, directorA.auth, { status: 'done' })
          .set('accept-language', 'zh-CN')
          .expect(400);
        expect((missing.body as { errors: { field: string; message: string }[] }).errors).toEqual([
          { field: 'resolution', message: expect.stringContaining('漏斗异常') },
        ]);
        await app
          .patch(`/todos/${todo.id}`, directorA.auth, { status: 'done', resolution: 'maybe' })
          .expect(400);
        await app
          .patch(`/todos/${todo.id}`, directorA.auth, { status: 'open', resolution: 'confirmed' })
          .expect(400);
        // Another kind of todo takes no resolution.
        const [other] = await app.sql<{ id: string }>(
          `INSERT INTO todos (type, assignee_id, title) VALUES ('trigger_playbook', $1, '推送话术包')
           RETURNING id`,
          [directorA.id],
        );
        const wrong = await app
          .patch(`/todos/${other.id}`, directorA.auth, { status: 'done', resolution: 'confirmed' })
          .expect(400);
        expect((wrong.body as { errors: { field: string }[] }).errors[0].field).toBe('resolution');
        await app
          .patch(`/todos/${other.id}`, directorA.auth, { status: 'done', note: '已处理' })
          .expect(400);
        await app.patch(`/todos/${other.id}`, directorA.auth, { status: 'done' }).expect(200);
      });

      it('stores the judgement; the first one given decides the week', async () => {
        const w10 = async (auth: string) =>
          (await anomalyTodos(auth)).find((t) => t.payload.week === '2024-W10')!;
        const first = await w10(directorB.auth);
        const closed = (
          await app
            .patch(`/todos/${first.id}`, directorB.auth, {
              status: 'done',
              resolution: 'confirmed',
              note: '交期问题集中在华东仓，已确认',
            })
            .expect(200)
        ).body as Todo;
        expect(closed).toMatchObject({
          status: 'done',
          resolution: 'confirmed',
          note: '交期问题集中在华东仓，已确认',
        });
        const second = await w10(directorA.auth);
        await app
          .patch(`/todos/${second.id}`, directorA.auth, {
            status: 'done',
            resolution: 'false_alarm',
          })
          .expect(200);
        // 2023-W10: judged a false alarm by its first closer.
        const w2023 = (await anomalyTodos(directorA.auth)).find(
          (t) => t.payload.week === '2023-W10',
        )!;
        await app
          .patch(`/todos/${w2023.id}`, directorA.auth, {
            status: 'done',
            resolution: 'false_alarm',
          })
          .expect(200);

        const precision = async (query: string) =>
          (await app.get(`/metrics/anomaly-precision?${query}`, directorA.auth).expect(200)).body;
        // 2024-W10 starts on 2024-03-04; 2023-W10 on 2023-03-06.
        expect(await precision('from=2023-03-06&to=2024-03-05')).toMatchObject({
          flagged: 2,
          confirmed: 1,
          falseAlarms: 1,
          precisionPct: 50,
        });
        expect(await precision('from=2024-03-04&to=2024-03-05')).toMatchObject({
          flagged: 1,
          confirmed: 1,
          falseAlarms: 0,
          precisionPct: 100,
        });
        // A week starting before the range is not counted.
        expect(await precision('from=2024-03-05&to=2024-04-01')).toMatchObject({
          flagged: 0,
          precisionPct: null,
        });
        // Reopening withdraws B's judgement: A's false alarm is now the first given.
        await app.patch(`/todos/${first.id}`, directorB.auth, { status: 'open' }).expect(200);
        expect(await precision('from=2024-03-04&to=2024-03-11')).toMatchObject({
          flagged: 1,
          confirmed: 0,
          falseAlarms: 1,
          precisionPct: 0,
        });
        await app
          .get('/metrics/anomaly-precision?from=2024-03-04&to=2024-03-11', u.wang.auth)
          .expect(403);
      });
    });
  });
});

describe('funnel anomaly demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  it('gives a loss spike in the last complete week that the job flags', async () => {
    const evaluation = (await app.post('/jobs/funnel-anomaly/run', app.adminAuth).expect(200))
      .body as Evaluation;
    // Other demo seeders may close a quote in that week too (a contract signed 3 days ago),
    // so the figures are checked loosely; the spike alone is 5 lost of 7.
    expect(evaluation).toMatchObject({
      breach: true,
      reason: 'above_threshold',
      baselineWeeks: 8,
      todosCreated: 1,
    });
    expect(evaluation.lossRatePct).toBeGreaterThan(60);
    const [todo] = await app.sql<{ payload: { reasons: { reason: string; count: number }[] } }>(
      `SELECT t.payload FROM todos t JOIN users u ON u.id = t.assignee_id
       WHERE t.type = 'funnel_anomaly' AND u.username = 'chen.director'`,
    );
    expect(todo.payload.reasons[0]).toEqual({ reason: '客户选择了竞品，价格低 8 %', count: 3 });
  });

  it('gives compliance promises kept, kept late and missed', async () => {
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const body = (
      await app
        .get(`/metrics/compliance?from=${from}&to=${to}&groupBy=rep`, app.adminAuth)
        .expect(200)
    ).body as Compliance;
    expect(body.due).toBeGreaterThan(body.fulfilled);
    expect(body.fulfilled).toBeGreaterThan(0);
  });

  it('seeds nothing new when seeding again', async () => {
    const counts = async () =>
      (
        await app.sql<{ quotes: number; followUps: number }>(
          `SELECT (SELECT count(*)::int FROM quotes) AS quotes,
                  (SELECT count(*)::int FROM follow_ups) AS "followUps"`,
        )
      )[0];
    const before = await counts();
    await app.running.app.get(FunnelAnomalyDemoSeeder).seed();
    expect(await counts()).toEqual(before);
  });
});
