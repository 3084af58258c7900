import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Inquiry {
  id: string;
  customerId: string;
  channel: string;
  receivedAt: string;
  content: string;
  createdBy: string | null;
  createdAt: string;
}

interface Problem {
  code: string;
  errors?: { field: string }[];
}

const RECEIVED = '2026-11-20T09:15:00+08:00';

describe('inquiries (API.md §8)', () => {
  let app: TestApp;
  let u: EastRegion;
  /** A customer of wang's, phone +8613800138000. */
  let wangCustomer: string;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    wangCustomer = (
      (
        await app
          .post('/customers', u.wang.auth, {
            name: '杭州精工配件有限公司',
            phone: '+86 13800138000',
          })
          .expect(201)
      ).body as { id: string }
    ).id;
  });
  afterAll(() => app.close());

  const inquire = (auth: string, body: object) =>
    app.post('/inquiries', auth, {
      channel: 'web',
      receivedAt: RECEIVED,
      content: '官网留言：想了解 6205 深沟球轴承 2000 套的批量价格和交期。',
      ...body,
    });
  const fields = (body: unknown) => ((body as Problem).errors ?? []).map((error) => error.field);

  it('makes a lead in the public pool for an unknown phone, audited, in one answer', async () => {
    const response = await inquire(u.wang.auth, {
      name: '王先生',
      phone: '139-5700-0161',
      channel: 'phone',
    }).expect(201);
    const inquiry = response.body as Inquiry;
    expect(response.headers.location).toBe(`${API}/inquiries/${inquiry.id}`);
    expect(inquiry).toEqual({
      id: expect.any(String),
      customerId: expect.any(String),
      channel: 'phone',
      receivedAt: '2026-11-20T01:15:00.000Z',
      content: '官网留言：想了解 6205 深沟球轴承 2000 套的批量价格和交期。',
      createdBy: u.wang.id,
      createdAt: expect.any(String),
    });
    const [lead] = await app.sql<{ name: string; phone: string; ownerId: string | null }>(
      `SELECT name, phone, owner_id AS "ownerId", stage FROM customers WHERE id = $1`,
      [inquiry.customerId],
    );
    expect(lead).toEqual({ name: '王先生', phone: '+8613957000161', ownerId: null, stage: 'lead' });
    const events = await app.sql<{ action: string; data: unknown; actorId: string }>(
      `SELECT action, data, actor_id AS "actorId" FROM audit_events
       WHERE entity = 'customer' AND entity_id = $1`,
      [inquiry.customerId],
    );
    expect(events).toEqual([
      { action: 'created', data: { ownerId: null, source: 'inquiry' }, actorId: u.wang.id },
    ]);
    // A rep sees the pool lead (masked) and its inquiry, as it may claim the lead.
    const customer = await app.get(`/customers/${inquiry.customerId}`, u.zhao.auth).expect(200);
    expect(customer.body).toMatchObject({ ownerId: null, phoneMasked: true });
    await app.get(`/inquiries/${inquiry.id}`, u.zhao.auth).expect(200);
  });

  it('attaches a known phone, written otherwise, to its customer, whoever owns it', async () => {
    // zhao cannot see wang's customer: the inquiry still goes to it, not to a new one.
    const response = await inquire(u.zhao.auth, {
      name: '陈建国',
      phone: '138 0013 8000',
      channel: 'wechat',
    }).expect(201);
    const inquiry = response.body as Inquiry;
    expect(inquiry.customerId).toBe(wangCustomer);
    expect(Object.keys(inquiry).sort()).toEqual(
      ['channel', 'content', 'createdAt', 'createdBy', 'customerId', 'id', 'receivedAt'].sort(),
    );
    const [{ count }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM customers WHERE phone = '+8613800138000'`,
    );
    expect(count).toBe(1);
    const [{ name }] = await app.sql<{ name: string }>('SELECT name FROM customers WHERE id = $1', [
      wangCustomer,
    ]);
    expect(name).toBe('杭州精工配件有限公司');
    // Scope still rules the reads: the owner and its supervisor see it, zhao does not.
    await app.get(`/inquiries/${inquiry.id}`, u.zhao.auth).expect(404);
    await app.get(`/customers/${wangCustomer}`, u.zhao.auth).expect(404);
    const owner = await app.get(`/inquiries/${inquiry.id}`, u.wang.auth).expect(200);
    expect(owner.body).toEqual(inquiry);
    await app.get(`/inquiries/${inquiry.id}`, u.li.auth).expect(200);
    await app.get(`/inquiries/${inquiry.id}`, u.sun.auth).expect(404);
  });

  it('takes a customerId in scope or in the pool; one outside gets 404', async () => {
    const own = await inquire(u.wang.auth, { customerId: wangCustomer }).expect(201);
    expect((own.body as Inquiry).customerId).toBe(wangCustomer);
    const outside = await inquire(u.liu.auth, { customerId: wangCustomer }).expect(404);
    expect((outside.body as Problem).code).toBe('NOT_FOUND');
    await inquire(u.zhao.auth, { customerId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const pool = (
      await app.post('/customers', app.adminAuth, { name: '公海客户', phone: '13957000162' })
    ).body as { id: string; ownerId: string | null };
    expect(pool.ownerId).toBeNull();
    await inquire(u.liu.auth, { customerId: pool.id }).expect(201);
  });

  it('rejects a body naming the customer both ways, or neither, or half', async () => {
    const both = await inquire(u.wang.auth, {
      customerId: wangCustomer,
      name: '陈建国',
      phone: '13800138000',
    }).expect(400);
    expect(fields(both.body)).toEqual(['customerId']);
    expect(fields((await inquire(u.wang.auth, {}).expect(400)).body)).toEqual(['customerId']);
    const nameOnly = await inquire(u.wang.auth, { name: '陈建国' }).expect(400);
    expect(fields(nameOnly.body)).toEqual(['phone']);
    const phoneOnly = await inquire(u.wang.auth, { phone: '13800138000' }).expect(400);
    expect(fields(phoneOnly.body)).toEqual(['name']);
    const badPhone = await inquire(u.wang.auth, { name: '陈建国', phone: '12345' }).expect(400);
    expect(badPhone.body).toMatchObject({ code: 'INVALID_PHONE', errors: [{ field: 'phone' }] });
    // null is no value: 400 naming the field, never a lookup.
    for (const field of ['customerId', 'name', 'phone']) {
      const response = await inquire(u.wang.auth, {
        name: '陈建国',
        phone: '13800138000',
        [field]: null,
      }).expect(400);
      expect(fields(response.body)).toContain(field);
    }
  });

  it('rejects a time without an offset, a future time, an unknown channel or field', async () => {
    const body = { customerId: wangCustomer };
    const naive = await inquire(u.wang.auth, { ...body, receivedAt: '2026-11-20T09:15:00' });
    expect(naive.status).toBe(400);
    expect(fields(naive.body)).toEqual(['receivedAt']);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const ahead = await inquire(u.wang.auth, { ...body, receivedAt: future }).expect(400);
    expect(fields(ahead.body)).toEqual(['receivedAt']);
    const channel = await inquire(u.wang.auth, { ...body, channel: 'fax' }).expect(400);
    expect(fields(channel.body)).toEqual(['channel']);
    const blank = await inquire(u.wang.auth, { ...body, content: '   ' }).expect(400);
    expect(fields(blank.body)).toEqual(['content']);
    await inquire(u.wang.auth, { ...body, ownerId: u.wang.id }).expect(400);
  });

  it('lets the sales line and integrators record, not finance', async () => {
    const finance = await new OrgFactory(app).user({
      roles: ['finance_bp'],
      orgUnitId: (
        await app.sql<{ id: string }>('SELECT org_unit_id AS id FROM users WHERE id = $1', [
          u.zhou.id,
        ])
      )[0].id,
    });
    await inquire(finance.auth, { customerId: wangCustomer }).expect(403);
    const key = (
      (
        await app
          .post('/api-keys', app.adminAuth, { name: '官网表单', roles: ['integrator'] })
          .expect(201)
      ).body as { key: string }
    ).key;
    const response = await app
      .api()
      .post(`${API}/inquiries`)
      .set('x-api-key', key)
      .send({
        name: '李女士',
        phone: '0571-87654321',
        channel: 'web',
        receivedAt: RECEIVED,
        content: '在线表单：烘焙连锁新开三家店，想谈年度框架协议。',
      })
      .expect(201);
    expect(response.body).toMatchObject({ createdBy: null });
  });

  it('replays a POST with the same Idempotency-Key, and refuses the key for another body', async () => {
    const body = {
      customerId: wangCustomer,
      channel: 'email',
      receivedAt: RECEIVED,
      content: '邮件询价：请报 304 不锈钢阀门 DN50 规格 300 只的含税价。',
    };
    const send = (content: string) =>
      app
        .api()
        .post(`${API}/inquiries`)
        .set('authorization', u.wang.auth)
        .set('idempotency-key', 'inquiry-email-1')
        .send({ ...body, content });
    const first = await send(body.content).expect(201);
    const again = await send(body.content).expect(201);
    expect(again.body).toEqual(first.body);
    const [{ count }] = await app.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM inquiries WHERE channel = 'email'`,
    );
    expect(count).toBe(1);
    const reused = await send('另一封邮件').expect(409);
    expect((reused.body as Problem).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lists inquiries in scope, latest received first, filtered by customer, channel and time', async () => {
    await inquire(u.wang.auth, {
      customerId: wangCustomer,
      channel: 'store',
      receivedAt: '2026-11-21T10:00:00+08:00',
    }).expect(201);
    const all = (await app.get('/inquiries', u.wang.auth).expect(200)).body as {
      items: Inquiry[];
      nextCursor: string | null;
    };
    const received = all.items.map((item) => item.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
    expect(all.items[0]).toMatchObject({
      channel: 'store',
      receivedAt: '2026-11-21T02:00:00.000Z',
    });
    const byChannel = (await app.get('/inquiries?channel=store,email', u.wang.auth).expect(200))
      .body as { items: Inquiry[] };
    expect(byChannel.items.map((item) => item.channel).sort()).toEqual(['email', 'store']);
    const byTime = (
      await app
        .get(
          `/inquiries?customerId=${wangCustomer}&receivedFrom=2026-11-21T00:00:00%2B08:00`,
          u.li.auth,
        )
        .expect(200)
    ).body as { items: Inquiry[] };
    expect(byTime.items.map((item) => item.channel)).toEqual(['store']);
    const before = (
      await app.get('/inquiries?receivedTo=2026-11-21T00:00:00%2B08:00&channel=store', u.wang.auth)
    ).body as { items: Inquiry[] };
    expect(before.items).toEqual([]);
    // sun sees none of wang's customers' inquiries; only the pool's.
    const sun = (await app.get(`/inquiries?customerId=${wangCustomer}`, u.sun.auth).expect(200))
      .body as { items: Inquiry[] };
    expect(sun.items).toEqual([]);
    await app.get('/inquiries?channel=fax', u.wang.auth).expect(400);
  });
});
