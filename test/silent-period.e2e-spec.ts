import { EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Todo {
  id: string;
  type: string;
  assigneeId: string;
  customerId: string;
  title: string;
  status: string;
  payload: { tags: string[]; silentHours: number; role: string; thresholdHours: number };
}

describe('silent-period alerts', () => {
  let app: TestApp;
  let u: EastRegion;
  let phoneSeq = 0;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  const run = async () =>
    (await app.post('/jobs/silent-period/run', app.adminAuth).expect(200)).body as {
      scanned: number;
      created: number;
    };
  const todosOf = async (auth: string, customerId: string) => {
    const response = await app
      .get(`/todos?type=silent_period&customerId=${customerId}`, auth)
      .expect(200);
    return (response.body as { items: Todo[] }).items;
  };

  /** A customer of `auth`, created `hoursAgo` hours ago and never touched since. */
  async function quietCustomer(auth: string, hoursAgo: number, extra: object = {}) {
    const phone = `1360000${String(++phoneSeq).padStart(4, '0')}`;
    const response = await app.post('/customers', auth, {
      name: `沉默客户${phoneSeq}`,
      phone,
      ...extra,
    });
    const id = (response.body as { id: string }).id;
    await app.sql(
      `UPDATE customers SET created_at = now() - make_interval(hours => $2) WHERE id = $1`,
      [id, hoursAgo],
    );
    return id;
  }

  const touch = (customerId: string, hoursAgo = 0) =>
    app
      .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
        channel: 'wechat',
        occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
        summary: '微信回访，客户表示近期有采购计划。',
        nextTouchAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      })
      .expect(201);

  it('gives the owner and the direct supervisor one todo each, with tags and silent hours', async () => {
    const id = await quietCustomer(u.wang.auth, 80, { tags: ['只接受月结'] });
    const result = await run();
    expect(result.created).toBeGreaterThanOrEqual(2);
    const [owner] = await todosOf(u.wang.auth, id);
    const [supervisor] = await todosOf(u.li.auth, id);
    expect(owner).toMatchObject({
      type: 'silent_period',
      assigneeId: u.wang.id,
      status: 'open',
      payload: { tags: ['只接受月结'], silentHours: 80, role: 'owner', thresholdHours: 72 },
    });
    expect(owner.title).toContain('80 小时');
    expect(supervisor).toMatchObject({ assigneeId: u.li.id, payload: { role: 'supervisor' } });
    // Not the supervisor's supervisor, and not another team.
    expect(await todosOf(u.zhou.auth, id)).toEqual([]);
    expect(await todosOf(u.sun.auth, id)).toEqual([]);
  });

  it('creates nothing more however often it runs in one spell, and counts the owned customers', async () => {
    await quietCustomer(u.wang.auth, 100);
    await run();
    const [{ owned }] = await app.sql<{ owned: number }>(
      'SELECT count(*)::int AS owned FROM customers WHERE owner_id IS NOT NULL',
    );
    expect(await run()).toEqual({ scanned: owned, created: 0 });
    expect(await run()).toEqual({ scanned: owned, created: 0 });
  });

  it('makes one pair when two runs race', async () => {
    const id = await quietCustomer(u.zhao.auth, 90);
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => r.created).reduce((a, b) => a + b)).toBe(2);
    expect(await todosOf(u.zhao.auth, id)).toHaveLength(1);
    expect(await todosOf(u.li.auth, id)).toHaveLength(1);
  });

  it('uses the segment threshold: a b2c customer is not silent at 100 hours, but is at 170', async () => {
    const recent = await quietCustomer(u.wang.auth, 100, { segment: 'b2c' });
    const old = await quietCustomer(u.wang.auth, 170, { segment: 'b2c' });
    await run();
    expect(await todosOf(u.wang.auth, recent)).toEqual([]);
    expect(await todosOf(u.wang.auth, old)).toMatchObject([{ payload: { thresholdHours: 168 } }]);
  });

  it('skips pool customers and customers heard from recently', async () => {
    const pool = await quietCustomer(app.adminAuth, 200);
    const heard = await quietCustomer(u.wang.auth, 200);
    await touch(heard, 1);
    await run();
    const [{ count }] = await app.sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM todos WHERE customer_id = ANY($1)',
      [[pool, heard]],
    );
    expect(count).toBe(0);
  });

  it('ends the spell on a new interaction, and a later silence is a new spell', async () => {
    const id = await quietCustomer(u.wang.auth, 200);
    await run();
    const [first] = await todosOf(u.wang.auth, id);
    // A touch 150 hours ago closes the alert; it is itself 150 h old, so a new spell is silent.
    await touch(id, 150);
    const closed = await todosOf(u.wang.auth, id);
    expect(closed).toMatchObject([{ id: first.id, status: 'done' }]);
    const { created } = await run();
    expect(created).toBe(2);
    const todos = await todosOf(u.wang.auth, id);
    expect(todos.map((todo) => todo.status)).toEqual(['open', 'done']);
    expect(todos[0].payload.silentHours).toBe(150);
  });

  it('gives only the owner a todo when the owner has no supervisor', async () => {
    const team = await app.sql<{ id: string }>(
      `SELECT org_unit_id AS id FROM users WHERE id = $1`,
      [u.li.id],
    );
    const lone = await new OrgFactory(app).user({ roles: ['rep'], orgUnitId: team[0].id });
    const id = await quietCustomer(lone.auth, 100);
    await run();
    const [{ count }] = await app.sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM todos WHERE customer_id = $1',
      [id],
    );
    expect(count).toBe(1);
  });

  it('is for admins only', async () => {
    await app.post('/jobs/silent-period/run', u.li.auth).expect(403);
  });
});
