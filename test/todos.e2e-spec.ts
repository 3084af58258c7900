import { EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Todos are made by rules (see the silent-period and trigger suites); here they
 * are inserted directly, to test listing, completing and who may see what.
 */
describe('todos', () => {
  let app: TestApp;
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  async function insertTodo(assigneeId: string, type: string, title: string): Promise<string> {
    const [row] = await app.sql<{ id: string }>(
      `INSERT INTO todos (type, assignee_id, title, payload) VALUES ($1, $2, $3, '{"silentHours": 80}')
       RETURNING id`,
      [type, assigneeId, title],
    );
    return row.id;
  }

  let wangSilent: string;
  let wangTrigger: string;
  let liSilent: string;
  beforeAll(async () => {
    wangSilent = await insertTodo(u.wang.id, 'silent_period', '客户沉默 80 小时');
    wangTrigger = await insertTodo(u.wang.id, 'trigger_playbook', '推送话术包');
    liSilent = await insertTodo(u.li.id, 'silent_period', '下属客户沉默');
  });

  it("lists only the caller's own todos, newest first, with the contract's fields", async () => {
    const response = await app.get('/todos', u.wang.auth).expect(200);
    const body = response.body as { items: Record<string, unknown>[]; nextCursor: null };
    expect(body.items.map((todo) => todo.id)).toEqual([wangTrigger, wangSilent]);
    expect(body.items[1]).toMatchObject({
      type: 'silent_period',
      assigneeId: u.wang.id,
      customerId: null,
      title: '客户沉默 80 小时',
      payload: { silentHours: 80 },
      dueAt: null,
      status: 'open',
      version: 1,
    });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by type and status, and pages with a cursor', async () => {
    const byType = await app.get('/todos?type=silent_period', u.wang.auth).expect(200);
    expect((byType.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([
      wangSilent,
    ]);
    const first = await app.get('/todos?limit=1', u.wang.auth).expect(200);
    const firstBody = first.body as { items: { id: string }[]; nextCursor: string };
    expect(firstBody.items.map((t) => t.id)).toEqual([wangTrigger]);
    const second = await app
      .get(`/todos?limit=1&cursor=${firstBody.nextCursor}`, u.wang.auth)
      .expect(200);
    expect((second.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([
      wangSilent,
    ]);
  });

  it('rejects unknown types and statuses', async () => {
    await app.get('/todos?type=nap', u.wang.auth).expect(400);
    await app.get('/todos?status=maybe', u.wang.auth).expect(400);
  });

  it('completes a todo, then lists it under done', async () => {
    const done = await app
      .patch(`/todos/${wangSilent}`, u.wang.auth, { status: 'done' }, 1)
      .expect(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect((done.body as { completedAt: string }).completedAt).not.toBeNull();
    const open = await app.get('/todos?status=open', u.wang.auth).expect(200);
    expect((open.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([
      wangTrigger,
    ]);
    const closed = await app.get('/todos?status=done', u.wang.auth).expect(200);
    expect((closed.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([
      wangSilent,
    ]);
  });

  it('answers 409 STALE_VERSION on a stale If-Match', async () => {
    const response = await app.patch(`/todos/${wangTrigger}`, u.wang.auth, { status: 'done' }, 7);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'STALE_VERSION' });
  });

  it("answers 404 for someone else's todo, even to their supervisor", async () => {
    await app.patch(`/todos/${wangTrigger}`, u.zhao.auth, { status: 'done' }).expect(404);
    await app.patch(`/todos/${wangTrigger}`, u.li.auth, { status: 'done' }).expect(404);
    const li = await app.get('/todos', u.li.auth).expect(200);
    expect((li.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([liSilent]);
  });

  it('rejects an unknown status or extra fields in the patch', async () => {
    const response = await app.patch(`/todos/${wangTrigger}`, u.wang.auth, {
      status: 'done',
      assigneeId: u.zhao.id,
    });
    expect(response.status).toBe(400);
    await app.patch(`/todos/${wangTrigger}`, u.wang.auth, { status: 'archived' }).expect(400);
  });
});
