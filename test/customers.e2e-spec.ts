import * as ExcelJS from 'exceljs';
import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

describe('customer pool', () => {
  let app: TestApp;
  /** The org of OrgFactory.eastRegion(). */
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  let phoneSeq = 0;
  const nextPhone = () =>
    `139 ${String(1000 + ++phoneSeq).padStart(4, '0')} ${String(2000 + phoneSeq).padStart(4, '0')}`;

  describe('create', () => {
    it('normalises the phone and makes a rep the owner of what it creates', async () => {
      const response = await app
        .post('/customers', u.wang.auth, {
          name: '杭州某工业配件公司',
          phone: '＋８６ １３８ ００１３ ８０００',
          company: '杭州精工配件有限公司',
          city: '杭州',
          tags: ['只接受月结'],
          avgOrderValue: '12800.50',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        phone: '+8613800138000',
        phoneMasked: false,
        ownerId: u.wang.id,
        segment: 'b2b',
        stage: 'lead',
        avgOrderValue: '12800.50',
        version: 1,
        lastInteractionAt: null,
      });
    });

    it('requires a name: without one the answer is 400 naming it, not a database error', async () => {
      const response = await app
        .post('/customers', u.wang.auth, { phone: nextPhone() })
        .expect(400);
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(new Set(fields)).toEqual(new Set(['name']));
    });

    it('takes a storeId only of a store: another id is 400 UNKNOWN_REFERENCE naming it', async () => {
      const org = new OrgFactory(app);
      const store = await org.orgUnit({ type: 'store', name: '杭州西湖店' });
      const team = await org.orgUnit({ type: 'team' });
      for (const storeId of [team, '00000000-0000-4000-8000-000000000000']) {
        const refused = await app
          .post('/customers', u.wang.auth, { name: '门店客户', phone: nextPhone(), storeId })
          .expect(400);
        expect(refused.body).toMatchObject({
          code: 'UNKNOWN_REFERENCE',
          errors: [{ field: 'storeId', message: 'no such store' }],
        });
      }
      const created = await app
        .post('/customers', u.wang.auth, { name: '门店客户', phone: nextPhone(), storeId: store })
        .expect(201);
      expect(created.body.storeId).toBe(store);
      await app.patch(`/customers/${created.body.id}`, u.wang.auth, { storeId: team }).expect(400);
    });

    it('answers a phone another customer holds with 409 DUPLICATE_PHONE, naming the holder', async () => {
      const [{ id }] = await app.sql<{ id: string }>(
        `SELECT id FROM customers WHERE phone = '+8613800138000'`,
      );
      const response = await app
        .post('/customers', u.liu.auth, {
          name: '重复客户',
          phone: '0086-138-0013-8000',
        })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'DUPLICATE_PHONE',
        existingCustomerId: id,
        ownerId: u.wang.id,
      });
    });

    it('creates exactly one customer when two reps race on one phone', async () => {
      const phone = nextPhone();
      const results = await Promise.all([
        app.post('/customers', u.wang.auth, { name: '上海某烘焙连锁', phone }),
        app.post('/customers', u.liu.auth, { name: '上海某烘焙连锁', phone }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('puts an admin’s customer in the pool and a supervisor’s with the supervisor, or with a named owner in scope', async () => {
      const pooled = await app
        .post('/customers', app.adminAuth, {
          name: '池中客户',
          phone: nextPhone(),
        })
        .expect(201);
      expect(pooled.body.ownerId).toBeNull();
      const own = await app
        .post('/customers', u.li.auth, {
          name: '主管客户',
          phone: nextPhone(),
        })
        .expect(201);
      expect(own.body.ownerId).toBe(u.li.id);
      const given = await app
        .post('/customers', u.li.auth, {
          name: '分给赵敏',
          phone: nextPhone(),
          ownerId: u.zhao.id,
        })
        .expect(201);
      expect(given.body.ownerId).toBe(u.zhao.id);
      const outside = await app
        .post('/customers', u.li.auth, {
          name: '越权',
          phone: nextPhone(),
          ownerId: u.liu.id,
        })
        .expect(422);
      expect(outside.body.code).toBe('OWNER_OUT_OF_SCOPE');
    });

    it('refuses a rep naming another owner, and rejects bad input naming each field', async () => {
      await app
        .post('/customers', u.wang.auth, {
          name: 'x',
          phone: nextPhone(),
          ownerId: u.zhao.id,
        })
        .expect(403);
      const invalid = await app
        .post('/customers', u.wang.auth, {
          name: '',
          phone: '12345',
          avgOrderValue: 12.5,
          stage: 'won',
        })
        .expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['name', 'avgOrderValue', 'stage']),
      );
      const badPhone = await app
        .post('/customers', u.wang.auth, {
          name: '错号',
          phone: '12345',
        })
        .expect(400);
      expect(badPhone.body).toMatchObject({ code: 'INVALID_PHONE', errors: [{ field: 'phone' }] });
    });
  });

  describe('scope, pool privacy and search', () => {
    let poolId: string;
    let wangsId: string;

    beforeAll(async () => {
      poolId = (
        await app
          .post('/customers', app.adminAuth, {
            name: '西湖烘焙店',
            phone: '13700137000',
            tags: ['倾向视频演示'],
          })
          .expect(201)
      ).body.id;
      wangsId = (
        await app
          .post('/customers', u.wang.auth, {
            name: '宁波五金',
            phone: nextPhone(),
            company: '宁波五金批发',
            tags: ['只接受月结'],
          })
          .expect(201)
      ).body.id;
    });

    it('masks a pool customer’s phone for a rep, not for a supervisor', async () => {
      const forRep = await app.get(`/customers/${poolId}`, u.liu.auth).expect(200);
      expect(forRep.body).toMatchObject({ phone: '+86137****7000', phoneMasked: true });
      const forSupervisor = await app.get(`/customers/${poolId}`, u.li.auth).expect(200);
      expect(forSupervisor.body).toMatchObject({ phone: '+8613700137000', phoneMasked: false });
    });

    it('answers 404 to a rep of another team, and shows the customer up the chain', async () => {
      const outside = await app.get(`/customers/${wangsId}`, u.liu.auth).expect(404);
      expect(outside.body.code).toBe('NOT_FOUND');
      await app.get(`/customers/${wangsId}`, u.zhao.auth).expect(404);
      await app.get(`/customers/${wangsId}`, u.li.auth).expect(200);
      await app.get(`/customers/${wangsId}`, u.zhou.auth).expect(200);
      await app.get(`/customers/${wangsId}`, u.sun.auth).expect(404);
    });

    it('lists the caller’s scope plus the pool, searches and filters', async () => {
      const liuList = await app.get('/customers?limit=500', u.liu.auth).expect(200);
      const liuIds = liuList.body.items.map((c: { id: string }) => c.id);
      expect(liuIds).toContain(poolId);
      expect(liuIds).not.toContain(wangsId);
      const byCompany = await app
        .get(`/customers?q=${encodeURIComponent('五金批发')}`, u.li.auth)
        .expect(200);
      expect(byCompany.body.items.map((c: { id: string }) => c.id)).toEqual([wangsId]);
      const byPhone = await app.get('/customers?q=13700137', u.li.auth).expect(200);
      expect(byPhone.body.items.map((c: { id: string }) => c.id)).toEqual([poolId]);
      const byTag = await app
        .get(`/customers?tag=${encodeURIComponent('只接受月结')}`, u.wang.auth)
        .expect(200);
      expect(byTag.body.items.every((c: { tags: string[] }) => c.tags.includes('只接受月结'))).toBe(
        true,
      );
      const pool = await app.get('/customers?pool=true', app.adminAuth).expect(200);
      expect(pool.body.items.every((c: { ownerId: string | null }) => c.ownerId === null)).toBe(
        true,
      );
    });

    describe('by phone', () => {
      /** The ids `q` finds for the caller `auth`. */
      const search = async (q: string, auth: string): Promise<string[]> =>
        (await app.get(`/customers?q=${encodeURIComponent(q)}`, auth).expect(200)).body.items.map(
          (c: { id: string }) => c.id,
        );
      let maskedId: string;
      let wangsOwnId: string;

      beforeAll(async () => {
        maskedId = (
          await app
            .post('/customers', app.adminAuth, { name: '余杭某茶庄', phone: '13957000272' })
            .expect(201)
        ).body.id;
        wangsOwnId = (
          await app
            .post('/customers', u.wang.auth, { name: '萧山某汽配', phone: '13957000161' })
            .expect(201)
        ).body.id;
      });

      it('finds a masked pool customer for a rep by its whole number, never by part of it', async () => {
        for (const part of ['5700027', '1395700027', '0272', '+86139570002']) {
          expect(await search(part, u.liu.auth)).toEqual([]);
        }
        // The rep's own customers still match in part; the masked one does not.
        expect(await search('5700', u.wang.auth)).toEqual([wangsOwnId]);
        const whole = await app.get('/customers?q=13957000272', u.liu.auth).expect(200);
        expect(whole.body.items).toEqual([
          expect.objectContaining({ id: maskedId, phone: '+86139****0272', phoneMasked: true }),
        ]);
        expect(await search('139 5700 0272', u.liu.auth)).toEqual([maskedId]);
      });

      it('finds by part of a number the customers whose phone the caller sees in full', async () => {
        expect(await search('5700016', u.wang.auth)).toEqual([wangsOwnId]);
        expect(await search('5700016', u.li.auth)).toEqual([wangsOwnId]);
        expect(await search('5700027', u.li.auth)).toEqual([maskedId]);
        expect((await search('5700', u.zhou.auth)).sort()).toEqual([maskedId, wangsOwnId].sort());
        expect(await search('5700016', u.liu.auth)).toEqual([]);
      });

      it.each([
        '139 5700 0161',
        '+86 139-5700-0161',
        '１３９５７０００１６１',
        '0086 (139) 5700.0161',
      ])('normalises a phone written as %j before matching', async (q) => {
        expect(await search(q, u.wang.auth)).toEqual([wangsOwnId]);
      });
    });

    it('pages with a keyset cursor without losing or repeating rows', async () => {
      const all = (await app.get('/customers?limit=500', app.adminAuth).expect(200)).body.items.map(
        (c: { id: string }) => c.id,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await app
          .get(`/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, app.adminAuth)
          .expect(200);
        seen.push(...page.body.items.map((c) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    });
  });

  describe('edit', () => {
    it('updates editable fields with If-Match and answers a stale version with 409', async () => {
      const created = (
        await app
          .post('/customers', u.wang.auth, { name: '温州客户', phone: nextPhone() })
          .expect(201)
      ).body;
      const patch = (body: object, version: string) =>
        app
          .api()
          .patch(`${API}/customers/${created.id}`)
          .set('authorization', u.wang.auth)
          .set('if-match', version)
          .send(body);
      const updated = await patch(
        { city: '温州', tags: ['倾向视频演示'], purchaseFrequency: 2.5 },
        '1',
      ).expect(200);
      expect(updated.body).toMatchObject({
        city: '温州',
        tags: ['倾向视频演示'],
        purchaseFrequency: 2.5,
        version: 2,
      });
      expect((await patch({ city: '台州' }, '1').expect(409)).body.code).toBe('STALE_VERSION');
      const forbidden = await patch({ ownerId: u.zhao.id, stage: 'won' }, '2').expect(400);
      expect(forbidden.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'ownerId',
        'stage',
      ]);
      const taken = await patch({ phone: '13800138000' }, '2').expect(409);
      expect(taken.body.code).toBe('DUPLICATE_PHONE');
    });
  });

  describe('ownership', () => {
    it('lets exactly one of many concurrent claims win; the others get 409 ALREADY_OWNED', async () => {
      const { id } = (
        await app
          .post('/customers', app.adminAuth, { name: '抢单客户', phone: nextPhone() })
          .expect(201)
      ).body;
      const claimers = [u.wang, u.zhao, u.liu, u.wang, u.zhao, u.liu];
      const results = await Promise.all(
        claimers.map((claimer) => app.post(`/customers/${id}/claim`, claimer.auth)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!.body.ownerId;
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body).toMatchObject({ code: 'ALREADY_OWNED', ownerId: winner });
      }
      const events = await app
        .get(`/audit-events?entity=customer&entityId=${id}`, app.adminAuth)
        .expect(200);
      expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
        'created',
        'claimed',
      ]);
    });

    it('releases (owner or superior) and transfers (supervisor and up), each audited', async () => {
      const { id } = (
        await app
          .post('/customers', u.wang.auth, { name: '流转客户', phone: nextPhone() })
          .expect(201)
      ).body;
      await app.post(`/customers/${id}/release`, u.liu.auth).expect(404);
      await app.post(`/customers/${id}/transfer`, u.wang.auth, { toUserId: u.zhao.id }).expect(403);
      const moved = await app
        .post(`/customers/${id}/transfer`, u.li.auth, {
          toUserId: u.zhao.id,
        })
        .expect(200);
      expect(moved.body.ownerId).toBe(u.zhao.id);
      await app.post(`/customers/${id}/transfer`, u.li.auth, { toUserId: u.liu.id }).expect(422);
      const released = await app.post(`/customers/${id}/release`, u.zhao.auth).expect(200);
      expect(released.body.ownerId).toBeNull();
      await app.post(`/customers/${id}/release`, u.li.auth).expect(404);
      const events = await app
        .get(`/audit-events?entity=customer&entityId=${id}`, app.adminAuth)
        .expect(200);
      expect(
        events.body.items.map((e: { action: string; data: object }) => [e.action, e.data]),
      ).toEqual([
        ['created', { ownerId: u.wang.id }],
        ['transferred', { fromUserId: u.wang.id, toUserId: u.zhao.id }],
        ['released', { fromUserId: u.zhao.id, toUserId: null }],
      ]);
    });

    it('answers claims on unknown customers with 404', async () => {
      await app
        .post('/customers/00000000-0000-4000-8000-000000000000/claim', u.wang.auth)
        .expect(404);
    });
  });

  describe('export', () => {
    beforeAll(async () => {
      await app
        .post('/customers', u.wang.auth, {
          name: '=HYPERLINK("http://x","点我")',
          phone: nextPhone(),
          city: '@杭州',
          tags: ['-月结'],
        })
        .expect(201);
      await app
        .post('/customers', u.liu.auth, { name: '上海外组客户', phone: nextPhone() })
        .expect(201);
    });

    it('exports the caller’s scope as xlsx with formulas neutralised', async () => {
      const response = await app
        .get('/customers/export.xlsx', u.wang.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ExcelJS.Buffer);
      const rows = workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
      const header = rows[0].slice(1);
      expect(header.slice(0, 3)).toEqual(['客户名称', '手机号', '类型']);
      const names = rows.slice(1).map((row) => row[1]);
      expect(names).toContain('\'=HYPERLINK("http://x","点我")');
      expect(names).not.toContain('上海外组客户');
      const evil = rows.find((row) => row[1] === '\'=HYPERLINK("http://x","点我")')!;
      expect(evil[5]).toBe("'@杭州");
      expect(evil[6]).toBe("'-月结");
      const liuVisible = (await app.get('/customers?limit=500', u.wang.auth)).body.items.length;
      expect(rows.length - 1).toBe(liuVisible);
    });

    it('exports CSV in UTF-8 with a BOM, masking pool phones for a rep', async () => {
      const response = await app.get('/customers/export.csv', u.liu.auth).expect(200);
      expect(response.headers['content-type']).toMatch(/text\/csv/);
      expect(response.text.charCodeAt(0)).toBe(0xfeff);
      expect(response.text).toContain('+86137****7000');
      expect(response.text).not.toContain('+8613700137000');
    });
  });
});
