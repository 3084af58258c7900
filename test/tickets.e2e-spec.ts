import { BookFactory, EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Ticket {
  id: string;
  customerId: string;
  assigneeId: string | null;
  kind: string;
  subject: string;
  status: string;
  firstResponseDueAt: string;
  firstRespondedAt: string | null;
  slaBreached: boolean;
  createdAt: string;
  version: number;
}

interface Todo {
  type: string;
  assigneeId: string;
  customerId: string;
  title: string;
  payload: Record<string, unknown>;
}

const HOUR = 3_600_000;

/**
 * 华东大区: 杭州工业配件组 (li → wang, zhao), 上海快消渠道组 (sun → liu), all
 * under zhou. Wang owns the customers the tickets are about.
 */
describe('tickets (API.md §9)', () => {
  let app: TestApp;
  let u: EastRegion;
  let customerId: string;
  let integratorKey: string;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    customerId = await new BookFactory(app).customer('杭州精工配件', u.wang.id, 'b2b');
    const key = await app
      .post('/api-keys', app.adminAuth, { name: '客服系统', roles: ['integrator'] })
      .expect(201);
    integratorKey = (key.body as { key: string }).key;
  });
  afterAll(() => app.close());

  const open = async (body: object = {}, auth = u.wang.auth) =>
    (
      await app
        .post('/tickets', auth, {
          customerId,
          kind: 'complaint',
          subject: '到货外箱破损，三箱轴承受潮',
          content: '昨天到货的轴承有三箱外箱破损，部分产品受潮生锈，要求换货。',
          ...body,
        })
        .expect(201)
    ).body as Ticket;
  const read = async (id: string, auth = u.wang.auth) =>
    (await app.get(`/tickets/${id}`, auth).expect(200)).body as Ticket;
  const move = (ticket: Ticket, status: string) =>
    app.patch(`/tickets/${ticket.id}`, u.wang.auth, { status });
  const reply = (id: string, auth = u.wang.auth) =>
    app.post(`/tickets/${id}/replies`, auth, { body: '已安排补发，请拍照留存破损件。' });
  const runSla = async () =>
    (await app.post('/jobs/ticket-sla/run', app.adminAuth).expect(200)).body as {
      scanned: number;
      created: number;
    };
  const breachTodos = async (auth: string, ticketId: string) => {
    const response = await app.get('/todos?type=ticket_sla_breach', auth).expect(200);
    return (response.body.items as Todo[]).filter((todo) => todo.payload.ticketId === ticketId);
  };
  const auditActions = async (ticketId: string) => {
    const response = await app
      .get(`/audit-events?entity=ticket&entityId=${ticketId}`, app.adminAuth)
      .expect(200);
    return (response.body.items as { action: string }[]).map((event) => event.action);
  };

  describe('creating and reading', () => {
    it('assigns the customer’s owner and sets the first response due time from the settings', async () => {
      const created = await app
        .post('/tickets', u.wang.auth, {
          customerId,
          kind: 'question',
          subject: '增值税专用发票什么时候开具？',
          content: '货款已付，请问专票什么时候能开出来？',
        })
        .expect(201);
      const ticket = created.body as Ticket;
      expect(created.headers.location).toBe(`${API}/tickets/${ticket.id}`);
      expect(ticket).toMatchObject({
        customerId,
        assigneeId: u.wang.id,
        kind: 'question',
        status: 'open',
        firstRespondedAt: null,
        slaBreached: false,
        version: 1,
      });
      expect(ticket.createdAt).toMatch(/Z$/);
      // Setting ticketFirstResponseHours, 4 by default.
      expect(Date.parse(ticket.firstResponseDueAt) - Date.parse(ticket.createdAt)).toBe(4 * HOUR);
      expect(await read(ticket.id)).toEqual(ticket);
    });

    it('lets an integrator open one, and answers 404 for a customer outside the caller’s scope', async () => {
      const byKey = await app
        .api()
        .post(`${API}/tickets`)
        .set('x-api-key', integratorKey)
        .send({ customerId, kind: 'reorder', subject: '补货：6204 轴承 500 套', content: '同上次' })
        .expect(201);
      expect(byKey.body).toMatchObject({ assigneeId: u.wang.id, createdBy: null });
      await app
        .post('/tickets', u.liu.auth, {
          customerId,
          kind: 'question',
          subject: '交期',
          content: '?',
        })
        .expect(404);
    });

    it('rejects unknown fields, a wrong kind and an overlong subject with 400 naming each, in Chinese', async () => {
      const response = await app
        .post('/tickets', u.wang.auth, {
          customerId,
          kind: 'praise',
          subject: '长'.repeat(201),
          content: '',
          priority: 'high',
        })
        .set('accept-language', 'zh-CN')
        .expect(400);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields.sort()).toEqual(['content', 'kind', 'priority', 'subject']);
      expect(response.body.title).toMatch(/[\u4e00-\u9fff]/);
    });

    it('keeps tickets in the customer’s scope: 404 for a peer, visible to the supervisor and director', async () => {
      const ticket = await open();
      await app.get(`/tickets/${ticket.id}`, u.zhao.auth).expect(404);
      await app.get(`/tickets/${ticket.id}`, u.liu.auth).expect(404);
      await app.patch(`/tickets/${ticket.id}`, u.zhao.auth, { status: 'in_progress' }).expect(404);
      await reply(ticket.id, u.zhao.auth).expect(404);
      await app.get(`/tickets/${ticket.id}/replies`, u.sun.auth).expect(404);
      expect((await read(ticket.id, u.li.auth)).id).toBe(ticket.id);
      expect((await read(ticket.id, u.zhou.auth)).id).toBe(ticket.id);
      const peers = await app.get('/tickets', u.zhao.auth).expect(200);
      expect(peers.body.items).toEqual([]);
    });
  });

  describe('listing', () => {
    it('filters by kind, status, customer, assignee and SLA, and sorts by due time', async () => {
      const question = await open({ kind: 'question', subject: '退货的运费由谁承担？' });
      const query = `customerId=${customerId}&assigneeId=${u.wang.id}&kind=question,reorder&status=open`;
      const listed = await app.get(`/tickets?${query}&sort=-firstResponseDueAt`, u.li.auth);
      expect(listed.status).toBe(200);
      const items = listed.body.items as Ticket[];
      expect(items[0].id).toBe(question.id);
      expect(items.every((item) => ['question', 'reorder'].includes(item.kind))).toBe(true);
      const breached = await app.get('/tickets?slaBreached=true', u.li.auth).expect(200);
      expect((breached.body.items as Ticket[]).map((item) => item.id)).not.toContain(question.id);
      await app.get('/tickets?slaBreached=maybe', u.li.auth).expect(400);
    });
  });

  describe('the status flow', () => {
    it('goes open → in_progress → resolved → in_progress (reopened) → resolved → closed, guarded by If-Match', async () => {
      const ticket = await open();
      await app
        .patch(`/tickets/${ticket.id}`, u.wang.auth, { status: 'in_progress' }, 7)
        .expect(409)
        .expect((response) => expect(response.body.code).toBe('STALE_VERSION'));
      let current = (
        await app
          .patch(`/tickets/${ticket.id}`, u.wang.auth, { status: 'in_progress' }, 1)
          .expect(200)
      ).body as Ticket;
      expect(current.version).toBe(2);
      for (const status of ['resolved', 'in_progress', 'resolved', 'closed']) {
        current = (await move(current, status).expect(200)).body as Ticket;
        expect(current.status).toBe(status);
      }
      expect(current.version).toBe(6);
      expect(await auditActions(ticket.id)).toEqual(
        expect.arrayContaining(['created', 'status_changed']),
      );
    });

    it('refuses a move the flow lacks with 422 TICKET_STATUS_TRANSITION, in Chinese too', async () => {
      const ticket = await open();
      const skipped = await move(ticket, 'resolved').set('accept-language', 'zh-CN').expect(422);
      expect(skipped.body).toMatchObject({
        code: 'TICKET_STATUS_TRANSITION',
        allowedStatuses: ['in_progress'],
      });
      expect(skipped.body.detail).toContain('待处理的工单不能改为已解决');
      await move(ticket, 'in_progress').expect(200);
      await move(ticket, 'resolved').expect(200);
      await move(ticket, 'closed').expect(200);
      const reopened = await move(ticket, 'in_progress').expect(422);
      expect(reopened.body.code).toBe('TICKET_STATUS_TRANSITION');
      await app.patch(`/tickets/${ticket.id}`, u.wang.auth, { status: null }).expect(400);
      const late = await reply(ticket.id).expect(422);
      expect(late.body.code).toBe('TICKET_CLOSED');
    });

    it('reassigns only to an active user who sees the customer, and audits it', async () => {
      const ticket = await open();
      const refused = await app
        .patch(`/tickets/${ticket.id}`, u.wang.auth, { assigneeId: u.zhao.id })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'INVALID_ASSIGNEE',
        errors: [expect.objectContaining({ field: 'assigneeId' })],
      });
      const moved = await app
        .patch(`/tickets/${ticket.id}`, u.wang.auth, { assigneeId: u.li.id, subject: '外箱破损' })
        .expect(200);
      expect(moved.body).toMatchObject({ assigneeId: u.li.id, subject: '外箱破损', version: 2 });
      expect(await auditActions(ticket.id)).toEqual(
        expect.arrayContaining(['created', 'reassigned', 'edited']),
      );
    });
  });

  describe('replies', () => {
    it('takes the first staff reply as the first response, which starts the work', async () => {
      const ticket = await open();
      const relayed = await app
        .api()
        .post(`${API}/tickets/${ticket.id}/replies`)
        .set('x-api-key', integratorKey)
        .send({ body: '客户补充：破损的是第 3、5、7 箱。' })
        .expect(201);
      expect(relayed.body.authorId).toBeNull();
      expect((await read(ticket.id)).firstRespondedAt).toBeNull();

      const first = await reply(ticket.id).expect(201);
      expect(first.headers.location).toBe(`${API}/tickets/${ticket.id}/replies/${first.body.id}`);
      const answered = await read(ticket.id);
      expect(answered).toMatchObject({ status: 'in_progress', slaBreached: false, version: 2 });
      expect(answered.firstRespondedAt).toEqual(first.body.createdAt);

      await reply(ticket.id, u.li.auth).expect(201);
      expect((await read(ticket.id)).firstRespondedAt).toEqual(answered.firstRespondedAt);
      const thread = await app.get(`/tickets/${ticket.id}/replies`, u.li.auth).expect(200);
      expect(thread.body.items.map((item: { authorId: string | null }) => item.authorId)).toEqual([
        null,
        u.wang.id,
        u.li.id,
      ]);
      await app.get(`/tickets/${ticket.id}/replies/${first.body.id}`, u.wang.auth).expect(200);
      await app.post(`/tickets/${ticket.id}/replies`, u.wang.auth, { body: '' }).expect(400);
    });
  });

  describe('the first-response SLA', () => {
    it('gives the supervisor one todo per breached ticket, however often it runs, and stays breached', async () => {
      const ticket = await open({ subject: '发货太慢，说好三天到货拖了一周' });
      await app.sql(
        `UPDATE tickets SET first_response_due_at = now() - interval '5 hours' WHERE id = $1`,
        [ticket.id],
      );
      const first = await runSla();
      expect(first.created).toBe(1);
      expect(first.scanned).toBeGreaterThanOrEqual(1);
      const again = await runSla();
      expect(again.created).toBe(0);

      const [todo, ...more] = await breachTodos(u.li.auth, ticket.id);
      expect(more).toEqual([]);
      expect(todo).toMatchObject({
        type: 'ticket_sla_breach',
        assigneeId: u.li.id,
        customerId,
        payload: {
          ticketId: ticket.id,
          customerId,
          kind: 'complaint',
          subject: '发货太慢，说好三天到货拖了一周',
          overdueHours: 5,
        },
      });
      expect(todo.payload.dueAt).toMatch(/Z$/);
      expect(todo.title).toContain('发货太慢');
      expect(await breachTodos(u.wang.auth, ticket.id)).toEqual([]);
      expect(await breachTodos(u.zhou.auth, ticket.id)).toEqual([]);

      expect((await read(ticket.id)).slaBreached).toBe(true);
      await reply(ticket.id).expect(201);
      expect(await read(ticket.id)).toMatchObject({ slaBreached: true, status: 'in_progress' });
      expect((await runSla()).created).toBe(0);
      expect(await auditActions(ticket.id)).toContain('sla_breached');
      const breached = await app.get('/tickets?slaBreached=true', u.li.auth).expect(200);
      expect(breached.body.items.map((item: Ticket) => item.id)).toEqual([ticket.id]);
    });

    it('falls back to the manager of the assignee’s org unit when there is no supervisor', async () => {
      const org = new OrgFactory(app);
      const store = await org.orgUnit({ type: 'store', name: '西湖烘焙店' });
      const wu = await org.user({ roles: ['store_manager'], orgUnitId: store });
      const xu = await org.user({ roles: ['rep'], orgUnitId: store });
      await app.sql('UPDATE org_units SET manager_id = $2 WHERE id = $1', [store, wu.id]);
      const bakery = await new BookFactory(app).customer('西湖烘焙原料', xu.id);
      const ticket = await open(
        { customerId: bakery, kind: 'reorder', subject: '补货：黄油 20 箱' },
        xu.auth,
      );
      await app.sql(
        `UPDATE tickets SET first_response_due_at = now() - interval '1 hour' WHERE id = $1`,
        [ticket.id],
      );
      expect((await runSla()).created).toBe(1);
      const [todo] = await breachTodos(wu.auth, ticket.id);
      expect(todo).toMatchObject({ assigneeId: wu.id, payload: { kind: 'reorder' } });
    });

    it('is run by admins only', async () => {
      await app.post('/jobs/ticket-sla/run', u.li.auth).expect(403);
    });
  });

  describe('handover', () => {
    it('moves the leaver’s tickets not yet closed with the customers', async () => {
      const closed = await open();
      for (const status of ['in_progress', 'resolved', 'closed']) await move(closed, status);
      const before = await app
        .get(
          `/tickets?customerId=${customerId}&status=open,in_progress,resolved&limit=500`,
          u.li.auth,
        )
        .expect(200);
      const moved = await app
        .post(`/users/${u.wang.id}/handover`, app.adminAuth, { toUserId: u.zhao.id })
        .expect(200);
      expect(moved.body.tickets).toBe(before.body.items.length);
      expect((await read(closed.id, u.zhao.auth)).assigneeId).toBe(u.wang.id);
      const [first] = before.body.items as Ticket[];
      expect(first.assigneeId).not.toBe(u.zhao.id);
      expect((await read(first.id, u.zhao.auth)).assigneeId).toBe(u.zhao.id);
      expect(await auditActions(first.id)).toContain('reassigned');
    });
  });
});
