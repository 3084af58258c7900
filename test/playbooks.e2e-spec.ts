import { randomUUID } from 'node:crypto';
import { PlaybooksDemoSeeder } from '../src/modules/playbooks/playbooks.demo-seeder';
import { PlaybooksService } from '../src/modules/playbooks/playbooks.service';
import { pdfFile, uploadAttachment } from './support/attachments';
import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Playbook {
  id: string;
  title: string;
  kind: string;
  content: string;
  attachmentIds: string[];
  createdBy: string | null;
  createdAt: string;
  version: number;
}

const SCRIPT_PACK = {
  title: '工业阀门客户价格异议话术包',
  kind: 'script_pack',
  content: '## 价格异议\n先核对工况与材质，再算停机损失；报价不得低于底线毛利率 12.5%。',
};

describe('playbooks', () => {
  let app: TestApp;
  /** The org of OrgFactory.eastRegion(). */
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  const create = (auth: string, body: object) => app.post('/playbooks', auth, body);
  const list = (auth: string, query: Record<string, string | number> = {}) =>
    app.api().get(`${API}/playbooks`).query(query).set('authorization', auth);

  describe('create and read', () => {
    it('creates a playbook with attachments, which every user may then read', async () => {
      const comparison = await uploadAttachment(app, u.li.auth, pdfFile(), '竞品对比.pdf');
      const priceList = await uploadAttachment(app, u.li.auth, pdfFile(), '价目表.pdf');
      const created = await create(u.li.auth, {
        title: '竞品对比：我司球阀 vs 竞品A',
        kind: 'competitor_comparison',
        content: '| 对比项 | 我司 | 竞品A |\n| --- | --- | --- |\n| 质保 | 18 个月 | 12 个月 |',
        attachmentIds: [priceList.id, comparison.id],
      }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        title: '竞品对比：我司球阀 vs 竞品A',
        kind: 'competitor_comparison',
        content: expect.stringContaining('18 个月'),
        attachmentIds: [priceList.id, comparison.id],
        createdBy: u.li.id,
        createdAt: expect.any(String),
        version: 1,
      });

      const read = await app.get(`/playbooks/${created.body.id}`, u.liu.auth).expect(200);
      expect(read.body).toEqual(created.body);
      // A rep of another team reads the playbook's attachments through it.
      await app.get(`/attachments/${comparison.id}/content`, u.liu.auth).expect(200);
    });

    it('creates one without attachments', async () => {
      const created = await create(u.zhou.auth, SCRIPT_PACK).expect(201);
      expect(created.body).toMatchObject({
        ...SCRIPT_PACK,
        attachmentIds: [],
        createdBy: u.zhou.id,
      });
    });

    it('audits the creation', async () => {
      const created = await create(u.sun.auth, { ...SCRIPT_PACK, kind: 'faq' }).expect(201);
      const events = await app.sql<{ actorId: string; action: string; data: unknown }>(
        `SELECT actor_id AS "actorId", action, data FROM audit_events
         WHERE entity = 'playbook' AND entity_id = $1`,
        [created.body.id],
      );
      expect(events).toEqual([
        {
          actorId: u.sun.id,
          action: 'created',
          data: { title: SCRIPT_PACK.title, kind: 'faq', attachmentIds: [] },
        },
      ]);
    });

    it('answers an unknown playbook with 404 and a malformed id with 400', async () => {
      await app.get(`/playbooks/${randomUUID()}`, u.wang.auth).expect(404);
      await app.get('/playbooks/x', u.wang.auth).expect(400);
    });
  });

  describe('refusals', () => {
    it('answers attachments the author may not see, or that do not exist, with 422 naming each', async () => {
      const mine = await uploadAttachment(app, u.li.auth);
      const someoneElses = await uploadAttachment(app, u.liu.auth);
      const response = await create(u.li.auth, {
        ...SCRIPT_PACK,
        attachmentIds: [mine.id, someoneElses.id, randomUUID()],
      }).expect(422);
      expect(response.body).toMatchObject({
        code: 'ATTACHMENT_NOT_FOUND',
        errors: [
          { field: 'attachmentIds[1]', message: expect.any(String) },
          { field: 'attachmentIds[2]', message: expect.any(String) },
        ],
      });
      // Nothing was created, and nobody else got to see the attachments.
      const [{ n }] = await app.sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM attachment_links WHERE attachment_id = $1',
        [mine.id],
      );
      expect(n).toBe(0);
    });

    it('lets a rep read playbooks but not write them (403)', async () => {
      const response = await create(u.wang.auth, SCRIPT_PACK).expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
      await list(u.wang.auth).expect(200);
    });

    it('refuses invalid and unknown fields with 400 naming them', async () => {
      const response = await create(u.li.auth, {
        title: '',
        kind: 'cheat_sheet',
        content: '内容',
        attachmentIds: ['not-a-uuid'],
        audience: 'rep',
      }).expect(400);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(new Set(fields)).toEqual(new Set(['title', 'kind', 'attachmentIds', 'audience']));
    });
  });

  describe('list', () => {
    it('lists newest first, filters by kind and pages with a cursor', async () => {
      const faqs: string[] = [];
      for (const title of ['FAQ：账期与月结', 'FAQ：发货与物流', 'FAQ：退换货']) {
        faqs.push(
          (await create(u.zhou.auth, { title, kind: 'faq', content: `${title}的答疑` }).expect(201))
            .body.id,
        );
      }
      const all = await list(u.liu.auth, { kind: 'faq' }).expect(200);
      expect((all.body.items as Playbook[]).every((playbook) => playbook.kind === 'faq')).toBe(
        true,
      );
      expect((all.body.items as Playbook[]).slice(0, 3).map((playbook) => playbook.id)).toEqual(
        [...faqs].reverse(),
      );

      const first = await list(u.liu.auth, { kind: 'faq', limit: 2 }).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(u.liu.auth, {
        kind: 'faq',
        limit: 2,
        cursor: first.body.nextCursor,
      }).expect(200);
      const paged = [...first.body.items, ...second.body.items].map(
        (playbook: Playbook) => playbook.id,
      );
      expect(paged).toEqual((all.body.items as Playbook[]).slice(0, paged.length).map((p) => p.id));
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('refuses an unknown kind with 400', async () => {
      await list(u.liu.auth, { kind: 'poster' }).expect(400);
    });
  });

  describe('service for other modules', () => {
    it('tells whether a playbook exists and summarises playbooks in the order asked', async () => {
      const playbooks = app.running.app.get(PlaybooksService);
      const attachment = await uploadAttachment(app, u.li.auth);
      const withAttachment = await create(u.li.auth, {
        ...SCRIPT_PACK,
        attachmentIds: [attachment.id],
      }).expect(201);
      const plain = await create(u.li.auth, { ...SCRIPT_PACK, kind: 'faq' }).expect(201);

      expect(await playbooks.exists(plain.body.id)).toBe(true);
      expect(await playbooks.exists(randomUUID())).toBe(false);
      expect(
        await playbooks.summaries([plain.body.id, randomUUID(), withAttachment.body.id]),
      ).toEqual([
        { id: plain.body.id, title: SCRIPT_PACK.title, kind: 'faq', attachmentIds: [] },
        {
          id: withAttachment.body.id,
          title: SCRIPT_PACK.title,
          kind: 'script_pack',
          attachmentIds: [attachment.id],
        },
      ]);
    });
  });
});

describe('playbook demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  it('seeds script packs, competitor comparisons and an FAQ, readable by a demo rep', async () => {
    const auth = await app.login('wang.rep', 'demo-password-2026');
    const response = await app.get('/playbooks', auth).expect(200);
    const kinds = (response.body.items as Playbook[]).map((playbook) => playbook.kind);
    expect(new Set(kinds)).toEqual(new Set(['script_pack', 'competitor_comparison', 'faq']));
    expect((response.body.items as Playbook[]).map((playbook) => playbook.title)).toContain(
      'FAQ：账期与月结',
    );
  });

  it('seeds nothing new when seeding again', async () => {
    const count = async () =>
      (await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM playbooks'))[0].n;
    const before = await count();
    await app.running.app.get(PlaybooksDemoSeeder).seed();
    expect(await count()).toBe(before);
  });
});
