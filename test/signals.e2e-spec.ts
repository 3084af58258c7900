import { randomUUID } from 'node:crypto';
import { ruleWindows } from '../src/modules/signals/domain/windows';
import { SignalsDemoSeeder } from '../src/modules/signals/signals.demo-seeder';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

/** A request header that authenticates: a user's bearer token or an integrator's API key. */
type Caller = [header: string, value: string];

interface Todo {
  id: string;
  type: string;
  assigneeId: string;
  customerId: string;
  title: string;
  payload: Record<string, unknown>;
  dueAt: string;
}

const HOUR_MS = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();
/** Inside the current 7-day window, and inside the one before it. */
const CURRENT = () => hoursAgo(2);
const PREVIOUS = () => hoursAgo(7 * 24 + 2);

describe('signals and trigger rules', () => {
  let app: TestApp;
  /** The org of OrgFactory.eastRegion(). */
  let u: EastRegion;
  let admin: Caller;
  let integrator: Caller;
  let playbook: { id: string; title: string; kind: string; attachmentIds: string[] };

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    admin = ['authorization', app.adminAuth];
    const key = await post('/api-keys', admin, { name: 'CRM 埋点同步', roles: ['integrator'] });
    integrator = ['x-api-key', (key.body as { key: string }).key];
    playbook = (
      await post('/playbooks', admin, {
        title: '工业阀门客户价格异议话术包',
        kind: 'script_pack',
        content: '## 价格异议\n先核对工况与材质，再算停机损失。',
      }).expect(201)
    ).body;
  });
  afterAll(() => app.close());

  const asUser = (user: TestUser): Caller => ['authorization', user.auth];
  const post = (path: string, caller: Caller, body: object = {}) =>
    app
      .api()
      .post(`${API}${path}`)
      .set(...caller)
      .send(body);
  const get = (path: string, caller: Caller) =>
    app
      .api()
      .get(`${API}${path}`)
      .set(...caller);
  const sendSignals = (signals: object[], caller: Caller = integrator) =>
    post('/signals', caller, { signals });
  const evaluate = () => post('/trigger-rules/evaluate', admin).expect(200);

  let phoneSeq = 0;
  /** A customer owned by `owner` (a rep or supervisor creates it), or in the pool. */
  const newCustomer = async (owner: TestUser | 'pool', name = `客户${phoneSeq + 1}`) => {
    const phone = `+86139${String(20_000_000 + ++phoneSeq)}`;
    const caller = owner === 'pool' ? admin : asUser(owner);
    const response = await post('/customers', caller, { name, phone }).expect(201);
    return { id: (response.body as { id: string }).id, name, phone };
  };
  const storedSignals = async (customerId: string) =>
    (
      await app.sql<{ n: number }>(
        'SELECT coalesce(sum(count), 0)::int AS n FROM signals WHERE customer_id = $1',
        [customerId],
      )
    )[0].n;
  const todosOf = async (user: TestUser): Promise<Todo[]> =>
    (await get('/todos?type=trigger_playbook&limit=500', asUser(user)).expect(200)).body.items;

  describe('POST /signals', () => {
    // email_open throughout, which no rule below watches.
    const signal = (match: object, count?: number) => ({
      ...match,
      type: 'email_open',
      count,
      at: hoursAgo(1),
    });

    it('matches by id and by a messy phone, and counts the rest as unmatched', async () => {
      const byId = await newCustomer(u.wang);
      const byPhone = await newCustomer(u.liu);
      const national = byPhone.phone.slice(3);
      const fullWidth = national.replace(/\d/g, (d) =>
        String.fromCharCode(d.charCodeAt(0) + 0xfee0),
      );
      const response = await sendSignals([
        signal({ customerId: byId.id }, 3),
        signal({
          phone: `0086 ${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
        }),
        signal({ phone: `＋８６ ${fullWidth}` }, 2),
        signal({ customerId: randomUUID() }),
        signal({ phone: '139 9999 0000' }),
        signal({ phone: '请联系前台' }),
      ]).expect(200);
      expect(response.body).toEqual({ accepted: 3, unmatched: 3 });
      expect(await storedSignals(byId.id)).toBe(3);
      expect(await storedSignals(byPhone.id)).toBe(3);
    });

    it('takes 10,000 signals in one request, and refuses 10,001 naming `signals`', async () => {
      const customer = await newCustomer('pool');
      const batch = Array.from({ length: 10_000 }, () => signal({ customerId: customer.id }));
      expect((await sendSignals(batch).expect(200)).body).toEqual({
        accepted: 10_000,
        unmatched: 0,
      });
      const tooMany = await sendSignals([...batch, batch[0]]).expect(400);
      expect(tooMany.body.errors).toEqual([
        { field: 'signals', message: 'signals must contain 1 to 10000 items, not 10001' },
      ]);
      expect(await storedSignals(customer.id)).toBe(10_000);
    });

    it('refuses a batch with bad items, naming each as signals[i].field, and stores none of it', async () => {
      const customer = await newCustomer(u.zhao);
      const response = await sendSignals([
        signal({ customerId: customer.id }),
        signal({ customerId: customer.id, phone: customer.phone }),
        { ...signal({ customerId: customer.id }), type: 'sms_open', count: 0 },
        {
          ...signal({ customerId: customer.id }),
          at: new Date(Date.now() + 3_600_000).toISOString(),
        },
        { ...signal({ customerId: customer.id }), source: 'crm' },
      ]).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'signals[1]',
        'signals[2].type',
        'signals[2].count',
        'signals[3].at',
        'signals[4].source',
      ]);
      expect(await storedSignals(customer.id)).toBe(0);
    });

    it('is for integrators and admins: a rep or a supervisor gets 403', async () => {
      const customer = await newCustomer(u.wang);
      await sendSignals([signal({ customerId: customer.id })], asUser(u.wang)).expect(403);
      await sendSignals([signal({ customerId: customer.id })], asUser(u.li)).expect(403);
      await sendSignals([signal({ customerId: customer.id })], admin).expect(200);
    });

    it('replays a retried batch with the same Idempotency-Key instead of storing it twice', async () => {
      const customer = await newCustomer(u.wang);
      const batch = [signal({ customerId: customer.id }, 4), signal({ phone: '139 0000 0000' })];
      const send = () => sendSignals(batch).set('idempotency-key', `batch-${customer.id}`);
      const first = await send().expect(200);
      const again = await send().expect(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await storedSignals(customer.id)).toBe(4);
    });
  });

  describe('trigger rules', () => {
    const createRule = (caller: Caller, body: object) => post('/trigger-rules', caller, body);
    const rule = (overrides: object = {}) => ({
      name: '网站访问 7 天增长 50%',
      signalType: 'web_visit',
      growthPct: 50,
      windowDays: 7,
      minCount: 5,
      playbookId: playbook.id,
      ...overrides,
    });
    /** `previous` signals in the window before, `current` in the last 7 days. */
    const history = (customerId: string, type: string, previous: number, current: number) =>
      [
        { customerId, type, count: previous, at: PREVIOUS() },
        { customerId, type, count: current, at: CURRENT() },
      ].filter((signal) => signal.count > 0);

    it('checks the playbook: an unknown one gets 422 PLAYBOOK_NOT_FOUND naming playbookId', async () => {
      const response = await createRule(admin, rule({ playbookId: randomUUID() })).expect(422);
      expect(response.body).toMatchObject({
        code: 'PLAYBOOK_NOT_FOUND',
        errors: [{ field: 'playbookId', message: 'no playbook has this id' }],
      });
    });

    it('rejects bad and unknown fields with 400, and a rep with 403', async () => {
      const response = await createRule(
        admin,
        rule({ growthPct: 0, windowDays: 91, minCount: 0, signalType: 'sms', active: true }),
      ).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'active',
        'growthPct',
        'minCount',
        'signalType',
        'windowDays',
      ]);
      await createRule(asUser(u.wang), rule()).expect(403);
      await get('/trigger-rules', asUser(u.wang)).expect(403);
      await post('/trigger-rules/evaluate', asUser(u.li)).expect(403);
    });

    it('creates a rule (minCount defaulting to 1), audits it, and lists and reads it', async () => {
      const created = await createRule(
        asUser(u.li),
        rule({ name: '到店翻倍', signalType: 'store_visit', growthPct: 100, minCount: undefined }),
      ).expect(201);
      expect(created.body).toMatchObject({
        name: '到店翻倍',
        signalType: 'store_visit',
        growthPct: 100,
        windowDays: 7,
        minCount: 1,
        playbookId: playbook.id,
        createdBy: u.li.id,
      });
      expect(created.body).not.toHaveProperty('reach');
      await get(`/trigger-rules/${created.body.id}`, asUser(u.zhou)).expect(200, created.body);
      const listed = await get('/trigger-rules?limit=500', asUser(u.li)).expect(200);
      expect(listed.body.items).toContainEqual(created.body);
      await get(`/trigger-rules/${randomUUID()}`, admin).expect(404);
      const audit = await get(
        `/audit-events?entity=trigger_rule&entityId=${created.body.id}`,
        admin,
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'created', actorId: u.li.id }),
      ]);
    });

    describe('evaluation', () => {
      let ruleId: string;
      const customers: Record<string, { id: string; name: string }> = {};

      beforeAll(async () => {
        ruleId = (await createRule(admin, rule()).expect(201)).body.id;
        const cases: [string, TestUser | 'pool', number, number][] = [
          ['atThreshold', u.wang, 10, 15],
          ['above', u.zhao, 10, 16],
          ['below', u.wang, 10, 14],
          ['grownButUnderMinCount', u.wang, 2, 4],
          ['fromNothing', u.liu, 0, 5],
          ['fromNothingUnderMinCount', u.liu, 0, 4],
          ['pool', 'pool', 10, 20],
        ];
        const signals: object[] = [];
        for (const [key, owner, previous, current] of cases) {
          customers[key] = await newCustomer(owner, `杭州${key}客户`);
          signals.push(...history(customers[key].id, 'web_visit', previous, current));
        }
        // Out of both windows, and another type: neither may count.
        signals.push(
          {
            customerId: customers.atThreshold.id,
            type: 'web_visit',
            count: 100,
            at: hoursAgo(15 * 24),
          },
          { customerId: customers.below.id, type: 'email_open', count: 100, at: CURRENT() },
        );
        await sendSignals(signals).expect(200);
      });

      const ruleTodos = async () =>
        app.sql<{ customer_id: string; assignee_id: string; dedupe_key: string }>(
          `SELECT customer_id, assignee_id, dedupe_key FROM todos WHERE payload->>'ruleId' = $1`,
          [ruleId],
        );

      it('fires at and above the threshold and from nothing, not below it, under minCount or for the pool', async () => {
        await evaluate();
        const todos = await ruleTodos();
        expect(todos.map((todo) => todo.customer_id).sort()).toEqual(
          [customers.atThreshold.id, customers.above.id, customers.fromNothing.id].sort(),
        );
        expect(todos.find((todo) => todo.customer_id === customers.above.id)?.assignee_id).toBe(
          u.zhao.id,
        );
      });

      it('gives the owner a todo with the playbook in its payload, due in a day', async () => {
        const todo = (await todosOf(u.wang)).find(
          (t) => t.customerId === customers.atThreshold.id,
        )!;
        expect(todo).toMatchObject({
          type: 'trigger_playbook',
          assigneeId: u.wang.id,
          title:
            '客户「杭州atThreshold客户」网站访问增长 50%：推送话术包《工业阀门客户价格异议话术包》',
          payload: {
            ruleId,
            ruleName: '网站访问 7 天增长 50%',
            signalType: 'web_visit',
            windowDays: 7,
            currentCount: 15,
            previousCount: 10,
            growthPct: 50,
            playbook: {
              id: playbook.id,
              title: playbook.title,
              kind: 'script_pack',
              attachmentIds: [],
            },
          },
        });
        expect(Date.parse(todo.dueAt) - Date.now()).toBeGreaterThan(23 * HOUR_MS);
        expect(Date.parse(todo.dueAt) - Date.now()).toBeLessThanOrEqual(24 * HOUR_MS);
        const fromNothing = (await todosOf(u.liu)).find(
          (t) => t.customerId === customers.fromNothing.id,
        )!;
        expect(fromNothing.title).toBe(
          '客户「杭州fromNothing客户」网站访问新增 5 次：推送话术包《工业阀门客户价格异议话术包》',
        );
        expect(fromNothing.payload).toMatchObject({
          currentCount: 5,
          previousCount: 0,
          growthPct: null,
        });
      });

      it('keys each todo by rule, customer and the calendar period of the window', async () => {
        const { period } = ruleWindows(new Date(), 7, 'Asia/Shanghai');
        for (const todo of await ruleTodos())
          expect(todo.dedupe_key).toBe(`trigger_playbook:${ruleId}:${todo.customer_id}:${period}`);
      });

      it('makes no second todo in the same window, run again or twice at once', async () => {
        expect((await evaluate()).body).toMatchObject({ created: 0 });
        const late = await newCustomer(u.zhao);
        await sendSignals(history(late.id, 'web_visit', 10, 30)).expect(200);
        const runs = await Promise.all([evaluate(), evaluate()]);
        expect(runs.map((run) => run.body.created).sort()).toEqual([0, 1]);
        expect((await ruleTodos()).filter((todo) => todo.customer_id === late.id)).toHaveLength(1);
        expect(await ruleTodos()).toHaveLength(4);
      });
    });

    it("reaches only the creator's scope: a supervisor's rule skips other teams' customers", async () => {
      const created = await createRule(
        asUser(u.li),
        rule({ name: '公众号阅读翻倍', signalType: 'wechat_read', growthPct: 100, minCount: 1 }),
      ).expect(201);
      const inTeam = await newCustomer(u.wang);
      const otherTeam = await newCustomer(u.liu);
      await sendSignals([
        ...history(inTeam.id, 'wechat_read', 3, 6),
        ...history(otherTeam.id, 'wechat_read', 3, 6),
      ]).expect(200);
      await evaluate();
      const todos = await app.sql<{ customer_id: string }>(
        `SELECT customer_id FROM todos WHERE payload->>'ruleId' = $1`,
        [created.body.id],
      );
      expect(todos).toEqual([{ customer_id: inTeam.id }]);
    });
  });
});

describe('signal demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const counts = async () =>
    (
      await app.sql<{ signals: number; rules: number; todos: number }>(
        `SELECT (SELECT count(*)::int FROM signals) AS signals,
                (SELECT count(*)::int FROM trigger_rules) AS rules,
                (SELECT count(*)::int FROM todos WHERE type = 'trigger_playbook') AS todos`,
      )
    )[0];

  it('gives a demo rep trigger_playbook todos from both demo rules', async () => {
    const auth = await app.login('wang.rep', 'demo-password-2026');
    const response = await app.get('/todos?type=trigger_playbook', auth).expect(200);
    const titles = (response.body.items as Todo[]).map((todo) => todo.title);
    expect(titles).toContainEqual(
      expect.stringMatching(
        /^客户「.+」网站访问(增长|新增).+：推送话术包《工业阀门客户价格异议话术包》$/,
      ),
    );
    expect(titles).toContainEqual(
      expect.stringMatching(
        /^客户「.+」到店增长 100%：推送话术包《高价值客户唤醒话术包（烘焙门店）》$/,
      ),
    );
  });

  it('seeds nothing new when seeding again', async () => {
    const before = await counts();
    expect(before.rules).toBe(2);
    await app.running.app.get(SignalsDemoSeeder).seed();
    expect(await counts()).toEqual(before);
  });
});
