import { randomUUID } from 'node:crypto';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Article {
  id: string;
  title: string;
  tags: string[];
  status: string;
  source: string;
  exampleTicketIds: string[];
  version: number;
}

interface Push {
  id: string;
  cron: string;
  timezone: string;
  articleIds: string[] | null;
  source: string;
  nextRunAt: string;
  active: boolean;
  version: number;
}

interface Run {
  runId: string;
  pushId: string;
  trigger: string;
  delivered: number;
  articleIds: string[];
}

interface Stats {
  pushId: string;
  runs: { runId: string; ranAt: string; delivered: number; read: number; completionPct: number }[];
}

interface Notification {
  type: string;
  title: string;
  payload: { pushId: string; runId: string; articleIds: string[] };
}

/**
 * 华东大区 (regional director zhou; supervisors li and sun; reps wang, zhao,
 * liu) and finance's zheng. li writes the articles and pushes to the reps;
 * zheng reads but is in no audience.
 */
describe('knowledge base (API.md §9)', () => {
  let app: TestApp;
  let u: EastRegion;
  let zheng: TestUser;
  let leadTime: Article;
  let invoice: Article;
  let push: Push;
  let firstRun: Run;

  const write = async (body: object, who = u.li) =>
    (await app.post('/kb/articles', who.auth, body).expect(201)).body as Article;
  const list = async (query: string, who: TestUser) =>
    ((await app.get(`/kb/articles?${query}`, who.auth).expect(200)).body as { items: Article[] })
      .items;
  const titles = async (query: string, who = u.wang) =>
    (await list(query, who)).map((article) => article.title).sort();
  const pushBody = (body: object) => ({
    cron: '0 17 * * 5',
    timezone: 'Asia/Shanghai',
    audienceRoles: ['rep'],
    ...body,
  });
  const invalidFields = async (body: object) => {
    const response = await app.post('/kb/pushes', u.li.auth, body).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    return (response.body.errors as { field: string }[]).map((error) => error.field);
  };
  const read = (article: Article, who: TestUser) =>
    app.post(`/kb/articles/${article.id}/read`, who.auth).expect(200);
  const stats = async (pushId: string) =>
    (await app.get(`/kb/pushes/${pushId}/stats`, u.li.auth).expect(200)).body as Stats;
  const kbNotifications = async (who: TestUser) =>
    (
      (await app.get('/notifications?limit=100', who.auth).expect(200)).body as {
        items: Notification[];
      }
    ).items.filter((notification) => notification.type === 'kb_push');
  /** A draft as the FAQ drafter writes it. */
  const insertDraft = async (title: string) => {
    const [row] = await app.sql<{ id: string }>(
      `INSERT INTO kb_articles (title, body, tags, status, source, search)
       VALUES ($1, '客户常问：发票什么时候开？', '{发票}', 'draft', 'auto_faq', to_tsvector('simple', ''))
       RETURNING id`,
      [title],
    );
    return row.id;
  };

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    const [east] = await app.sql<{ id: string }>(
      `SELECT id FROM org_units WHERE name = '华东大区'`,
    );
    zheng = await org.user({ roles: ['finance_bp'], orgUnitId: east.id });
    leadTime = await write({
      title: '交期查询流程',
      body: '客户询问交期时，先在订单页查看 ERP 同步的预计到货日期，没有日期的联系仓库确认。',
      tags: ['交期', '订单'],
    });
    invoice = await write({
      title: '增值税专票开具',
      body: '开具增值税专用发票需客户提供开票名称、税号、开户行及账号。',
      tags: ['发票', '财务'],
    });
    await write({
      title: '退货换货政策',
      body: '到货 7 天内质量问题可退换货，需拍照留证并保留原包装。',
      tags: ['退货', '售后'],
    });
  });
  afterAll(() => app.close());

  describe('articles', () => {
    it('are written by editors, published at once as manual, and read by everyone', async () => {
      expect(leadTime).toMatchObject({
        title: '交期查询流程',
        tags: ['交期', '订单'],
        status: 'published',
        source: 'manual',
        exampleTicketIds: [],
        version: 1,
      });
      const got = await app.get(`/kb/articles/${leadTime.id}`, zheng.auth).expect(200);
      expect(got.body).toMatchObject({ id: leadTime.id, createdBy: u.li.id });
      await app
        .post('/kb/articles', u.wang.auth, { title: '随手记', body: '内容', tags: [] })
        .expect(403);
    });

    it('refuse unknown fields, a missing title and blank tags (400 naming each)', async () => {
      const response = await app
        .post('/kb/articles', u.li.auth, { body: '内容', tags: [' '], status: 'draft' })
        .expect(400);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'tags', 'status']));
    });

    it('are searched by Chinese words, including two-character ones, in title, tags and body', async () => {
      expect(await titles('q=交期')).toEqual(['交期查询流程']);
      expect(await titles('q=专票')).toEqual(['增值税专票开具']);
      expect(await titles(`q=${encodeURIComponent('开户行 税号')}`)).toEqual(['增值税专票开具']);
      expect(await titles('q=售后')).toEqual(['退货换货政策']);
      expect(await titles('q=报价审批')).toEqual([]);
      expect(await titles('q=的')).toEqual([]);
    });

    it('filter by tag (any of several) and sort by title', async () => {
      expect(await titles('tag=交期,发票')).toEqual(['交期查询流程', '增值税专票开具']);
      const sorted = await list('sort=title', u.wang);
      expect(sorted.map((article) => article.title)).toEqual(
        [...sorted.map((article) => article.title)].sort(),
      );
      await app.get('/kb/articles?sort=body', u.wang.auth).expect(400);
    });
  });

  describe('drafts', () => {
    let draftId: string;

    beforeAll(async () => {
      draftId = await insertDraft('开票时间常见问题');
    });

    it('are seen by editors only: 404 to a rep, left out of the rep’s lists', async () => {
      await app.get(`/kb/articles/${draftId}`, u.wang.auth).expect(404);
      await app.post(`/kb/articles/${draftId}/read`, u.wang.auth).expect(404);
      expect(await list('status=draft', u.wang)).toEqual([]);
      expect((await list('status=draft', u.li)).map((article) => article.id)).toEqual([draftId]);
    });

    it('are published by PATCH with If-Match; a stale version is 409', async () => {
      await app.patch(`/kb/articles/${draftId}`, u.li.auth, { status: 'published' }, 9).expect(409);
      await app
        .patch(`/kb/articles/${draftId}`, u.wang.auth, { status: 'published' }, 1)
        .expect(403);
      await app.patch(`/kb/articles/${draftId}`, u.li.auth, { status: 'draft' }, 1).expect(400);
      const published = await app
        .patch(
          `/kb/articles/${draftId}`,
          u.li.auth,
          { status: 'published', tags: ['发票', '开票'] },
          1,
        )
        .expect(200);
      expect(published.body).toMatchObject({ status: 'published', source: 'auto_faq', version: 2 });
      expect(await titles('q=开票')).toContain('开票时间常见问题');
      await app.get(`/kb/articles/${draftId}`, u.wang.auth).expect(200);
    });
  });

  describe('read receipts', () => {
    it('are idempotent: a second read answers the first readAt', async () => {
      const first = (await read(invoice, u.liu)).body as { readAt: string; userId: string };
      expect(first).toMatchObject({ articleId: invoice.id, userId: u.liu.id });
      const second = (await read(invoice, u.liu)).body as { readAt: string };
      expect(second.readAt).toBe(first.readAt);
      const [{ count }] = await app.sql<{ count: number }>(
        'SELECT count(*)::int AS count FROM kb_article_reads WHERE article_id = $1 AND user_id = $2',
        [invoice.id, u.liu.id],
      );
      expect(count).toBe(1);
    });

    it('are a person’s: unknown articles are 404', async () => {
      await app
        .post('/kb/articles/00000000-0000-4000-8000-000000000000/read', u.wang.auth)
        .expect(404);
    });
  });

  describe('pushes', () => {
    it('refuse a bad cron, a bad time zone and empty audiences (400 naming each)', async () => {
      const articleIds = [leadTime.id];
      expect(await invalidFields(pushBody({ articleIds, cron: '0 17 * *' }))).toEqual(['cron']);
      expect(await invalidFields(pushBody({ articleIds, cron: '0 0 17 * * 5' }))).toEqual(['cron']);
      expect(await invalidFields(pushBody({ articleIds, cron: '0 25 * * 5' }))).toEqual(['cron']);
      expect(await invalidFields(pushBody({ articleIds, timezone: 'Asia/Beijing' }))).toEqual([
        'timezone',
      ]);
      expect(await invalidFields(pushBody({ articleIds, audienceRoles: [] }))).toEqual([
        'audienceRoles',
      ]);
      expect(await invalidFields(pushBody({ articleIds, extra: 1 }))).toEqual(['extra']);
    });

    it('take exactly one of articleIds and source auto_faq, and published articles only', async () => {
      const both = pushBody({ articleIds: [leadTime.id], source: 'auto_faq' });
      expect(await invalidFields(both)).toEqual(['articleIds', 'source']);
      expect(await invalidFields(pushBody({}))).toEqual(['articleIds', 'source']);
      expect(await invalidFields(pushBody({ articleIds: [] }))).toEqual(['articleIds']);
      const draftId = await insertDraft('未发布的草稿');
      const response = await app
        .post('/kb/pushes', u.li.auth, pushBody({ articleIds: [leadTime.id, draftId] }))
        .expect(422);
      expect(response.body).toMatchObject({
        code: 'KB_ARTICLES_NOT_PUBLISHED',
        articleIds: [draftId],
      });
    });

    it('are scheduled in their time zone: Fridays 17:00 in Shanghai is Friday 09:00Z', async () => {
      await app
        .post('/kb/pushes', u.wang.auth, pushBody({ articleIds: [leadTime.id] }))
        .expect(403);
      push = (
        await app
          .post('/kb/pushes', u.li.auth, pushBody({ articleIds: [leadTime.id, invoice.id] }))
          .expect(201)
      ).body as Push;
      expect(push).toMatchObject({
        cron: '0 17 * * 5',
        timezone: 'Asia/Shanghai',
        source: 'manual',
      });
      const next = new Date(push.nextRunAt);
      expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([5, 9, 0]);
      expect(next.getTime()).toBeGreaterThan(Date.now());
      const got = await app.get(`/kb/pushes/${push.id}`, u.zhou.auth).expect(200);
      expect(got.body).toMatchObject({ id: push.id, nextRunAt: push.nextRunAt });
      await app.get(`/kb/pushes/${push.id}`, u.wang.auth).expect(403);
      await app.get('/kb/pushes', zheng.auth).expect(403);
    });

    it('default the time zone to the organisation’s setting', async () => {
      const response = await app
        .post('/kb/pushes', u.li.auth, {
          cron: '0 0 * * *',
          articleIds: [leadTime.id],
          audienceRoles: ['supervisor'],
        })
        .expect(201);
      expect(response.body).toMatchObject({ timezone: 'Asia/Shanghai' });
      expect(new Date((response.body as Push).nextRunAt).getUTCHours()).toBe(16);
    });

    it('run now: one kb_push notification to each active user of the audience roles only', async () => {
      firstRun = (await app.post(`/kb/pushes/${push.id}/run`, u.li.auth).expect(200)).body as Run;
      expect(firstRun).toMatchObject({
        pushId: push.id,
        trigger: 'manual',
        delivered: 3,
        articleIds: [leadTime.id, invoice.id],
      });
      for (const rep of [u.wang, u.zhao, u.liu]) {
        const [notification] = await kbNotifications(rep);
        expect(notification.payload).toEqual({
          pushId: push.id,
          runId: firstRun.runId,
          articleIds: [leadTime.id, invoice.id],
        });
        expect(notification.title).toContain('知识库');
      }
      for (const outsider of [u.li, u.zhou, zheng])
        expect(await kbNotifications(outsider)).toEqual([]);
    });

    it('count a delivered reader of every article once; readers not delivered to never count', async () => {
      await read(leadTime, u.wang);
      await read(invoice, u.wang);
      await read(invoice, u.wang);
      await read(leadTime, u.zhao); // one of two: not complete
      await read(leadTime, u.li); // not in the audience
      await read(invoice, u.li);
      await read(leadTime, zheng);
      // liu read the invoice article before the run; the lead-time one completes it.
      await read(leadTime, u.liu);
      const figures = await stats(push.id);
      expect(figures).toEqual({
        pushId: push.id,
        runs: [
          {
            runId: firstRun.runId,
            ranAt: expect.any(String),
            delivered: 3,
            read: 2,
            completionPct: 66.67,
          },
        ],
      });
    });

    it('record each run: a second run counts the same readers again', async () => {
      const second = (await app.post(`/kb/pushes/${push.id}/run`, u.zhou.auth).expect(200))
        .body as Run;
      const { runs } = await stats(push.id);
      expect(runs.map((run) => [run.runId, run.delivered, run.read, run.completionPct])).toEqual([
        [firstRun.runId, 3, 2, 66.67],
        [second.runId, 3, 2, 66.67],
      ]);
      await app.get(`/kb/pushes/${push.id}/stats`, u.wang.auth).expect(403);
      await app.get('/kb/pushes/00000000-0000-4000-8000-000000000000/stats', u.li.auth).expect(404);
    });

    it('run when due, once per scheduled time even when the job runs twice at once', async () => {
      await app.sql(
        `UPDATE kb_pushes SET next_run_at = now() - interval '1 minute' WHERE id = $1`,
        [push.id],
      );
      const before = (await stats(push.id)).runs.length;
      const ticks = await Promise.all([
        app.post('/jobs/kb-pushes/run', app.adminAuth).expect(200),
        app.post('/jobs/kb-pushes/run', app.adminAuth).expect(200),
      ]);
      const made = ticks.flatMap((tick) => (tick.body as { runs: Run[] }).runs);
      expect(made).toEqual([
        expect.objectContaining({ pushId: push.id, trigger: 'scheduled', delivered: 3 }),
      ]);
      expect((await stats(push.id)).runs).toHaveLength(before + 1);
      const after = (await app.get(`/kb/pushes/${push.id}`, u.li.auth).expect(200)).body as Push;
      expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now());
      await app.post('/jobs/kb-pushes/run', u.li.auth).expect(403);
    });

    it('stop: the scheduler no longer runs them, their stats stay, a second stop changes nothing', async () => {
      const stopped = (
        await app.post('/kb/pushes', u.li.auth, pushBody({ articleIds: [leadTime.id] })).expect(201)
      ).body as Push;
      await app.delete(`/kb/pushes/${stopped.id}`, u.wang.auth).expect(403);
      await app.delete(`/kb/pushes/${stopped.id}`, u.li.auth).expect(204);
      await app.delete(`/kb/pushes/${stopped.id}`, u.li.auth).expect(204);
      await app.sql(
        `UPDATE kb_pushes SET next_run_at = now() - interval '1 minute' WHERE id = $1`,
        [stopped.id],
      );
      const tick = await app.post('/jobs/kb-pushes/run', app.adminAuth).expect(200);
      expect((tick.body as { runs: Run[] }).runs).toEqual([]);
      const after = (await app.get(`/kb/pushes/${stopped.id}`, u.li.auth).expect(200)).body as Push;
      expect(after).toMatchObject({ active: false, version: stopped.version + 1 });
      expect((await stats(stopped.id)).runs).toEqual([]);
      const events = await app.sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity = 'kb_push' AND entity_id = $1 ORDER BY seq`,
        [stopped.id],
      );
      expect(events.map((event) => event.action)).toEqual(['created', 'stopped']);
      await app.delete(`/kb/pushes/${randomUUID()}`, u.li.auth).expect(404);
    });

    it('with source auto_faq, draft this week’s question clusters once and send the drafts', async () => {
      const customer = (
        await app
          .post('/customers', u.wang.auth, { name: '杭州精工配件', phone: '13912345678' })
          .expect(201)
      ).body as { id: string };
      const ticket = async (kind: string, subject: string, content: string) =>
        (
          (
            await app
              .post('/tickets', u.wang.auth, { customerId: customer.id, kind, subject, content })
              .expect(201)
          ).body as { id: string }
        ).id;
      const questions = [
        await ticket('question', '专票怎么开', '请问增值税专票怎么开具，需要提供哪些资料'),
        await ticket('question', '开专票需要什么', '我们要开增值税专票，需要提供税号吗'),
        await ticket('question', '专票开具资料', '增值税专票开具需要税号和开户行'),
      ];
      await ticket('complaint', '专票开错了', '增值税专票的税号开错了，请重开');
      const faq = (
        await app.post('/kb/pushes', u.li.auth, pushBody({ source: 'auto_faq' })).expect(201)
      ).body as Push;
      expect(faq).toMatchObject({ source: 'auto_faq', articleIds: null });

      const run = (await app.post(`/kb/pushes/${faq.id}/run`, u.li.auth).expect(200)).body as Run;
      expect(run).toMatchObject({ runId: expect.any(String), delivered: 3 });
      expect(run.articleIds).toHaveLength(1);
      const draft = (await app.get(`/kb/articles/${run.articleIds[0]}`, u.wang.auth).expect(200))
        .body as Article;
      expect(draft).toMatchObject({ status: 'draft', source: 'auto_faq' });
      expect([...draft.exampleTicketIds].sort()).toEqual([...questions].sort());
      // A draft is seen by those it was delivered to, and by editors; not by zheng.
      await app.get(`/kb/articles/${draft.id}`, zheng.auth).expect(404);

      const again = (await app.post(`/kb/pushes/${faq.id}/run`, u.li.auth).expect(200)).body as Run;
      expect(again.articleIds).toEqual(run.articleIds);
      const [{ drafts }] = await app.sql<{ drafts: number }>(
        `SELECT count(*)::int AS drafts FROM kb_articles WHERE source = 'auto_faq' AND cluster_key IS NOT NULL`,
      );
      expect(drafts).toBe(1);
    });

    it('are listed newest first, and audited with their runs', async () => {
      const page = (await app.get('/kb/pushes?limit=1', u.li.auth).expect(200)).body as {
        items: Push[];
        nextCursor: string | null;
      };
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).not.toBeNull();
      const audit = await app.sql<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity = 'kb_push' AND entity_id = $1 ORDER BY seq`,
        [push.id],
      );
      expect(audit.map((event) => event.action)).toEqual(['created', 'ran', 'ran', 'ran']);
    });
  });
});
