import { pdfFile, uploadAttachment } from './support/attachments';
import { EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface FollowUp {
  id: string;
  customerId: string;
  occurredAt: string;
  objections: { category: string; quote: string }[];
  confirmedAt: string | null;
}

const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

describe('follow-ups', () => {
  let app: TestApp;
  let u: EastRegion;
  let phoneSeq = 0;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  async function customer(auth: string, extra: object = {}): Promise<string> {
    const phone = `1370000${String(++phoneSeq).padStart(4, '0')}`;
    const response = await app.post('/customers', auth, {
      name: `客户${phoneSeq}`,
      phone,
      ...extra,
    });
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  }

  /** A complete visit, `hoursAgo` hours ago, promising the next touch in 3 days. */
  const visit = (hoursAgo = 1, extra: object = {}) => ({
    channel: 'visit',
    occurredAt: at(-hoursAgo),
    summary: '拜访采购部王经理，对方认为报价比别家贵，希望账期改为月结。',
    transcript: [
      { at: at(-hoursAgo), speaker: 'customer', text: '你们的价格比别家贵了不少。' },
      { at: at(-hoursAgo + 0.1), speaker: 'rep', text: '我们的交期可以保证两周到货。' },
    ],
    nextTouchAt: at(72 - hoursAgo),
    ...extra,
  });

  describe('mandatory evidence', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = await customer(u.wang.auth);
    });
    const problemFields = async (body: object) => {
      const response = await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, body);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'MISSING_EVIDENCE', status: 422 });
      return (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    };

    it('lists every missing piece of a bare "visited" at once', async () => {
      expect(await problemFields({ channel: 'visit', occurredAt: at(-1) })).toEqual([
        'summary',
        'transcript',
        'nextTouchAt',
      ]);
    });

    it('wants at least 10 characters of minutes', async () => {
      expect(await problemFields(visit(1, { summary: '已拜访' }))).toEqual(['summary']);
    });

    it.each(['visit', 'call', 'meeting'])('wants a transcript for a %s', async (channel) => {
      expect(await problemFields(visit(1, { channel, transcript: [] }))).toEqual(['transcript']);
    });

    it('wants a time, a speaker and text on every segment', async () => {
      const transcript = [{ speaker: 'rep', text: '您好' }, { at: at(-1) }];
      expect(await problemFields(visit(1, { transcript }))).toEqual([
        'transcript[0].at',
        'transcript[1].speaker',
        'transcript[1].text',
      ]);
    });

    it('wants a next touch unless the deal is won or lost', async () => {
      expect(await problemFields(visit(1, { nextTouchAt: undefined, stage: 'quoted' }))).toEqual([
        'nextTouchAt',
      ]);
      await app
        .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
          ...visit(1, { nextTouchAt: undefined, stage: 'won' }),
        })
        .expect(201);
    });

    it('takes a WeChat touch without a transcript', async () => {
      await app
        .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
          channel: 'wechat',
          occurredAt: at(-1),
          summary: '微信发送了新品目录，客户表示下周回复。',
          nextTouchAt: at(48),
        })
        .expect(201);
    });

    it.each([
      ['a future occurredAt', { occurredAt: at(2) }, 'occurredAt'],
      ['a next touch before the touch', { nextTouchAt: at(-3) }, 'nextTouchAt'],
      [
        'an unknown speaker',
        { transcript: [{ at: at(-1), speaker: 'boss', text: '好' }] },
        'transcript[0].speaker',
      ],
      ['a time without offset', { occurredAt: '2026-11-20 10:00' }, 'occurredAt'],
      ['an unknown field', { mood: 'good' }, 'mood'],
      ['an unknown channel', { channel: 'fax' }, 'channel'],
    ])('answers 400 for %s', async (_case, change, field) => {
      const response = await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
        ...visit(),
        ...change,
      });
      expect(response.status).toBe(400);
      const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toEqual([field]);
    });
  });

  describe('recording a touch', () => {
    it('extracts objections and moves the customer to the latest touch and its stage', async () => {
      const customerId = await customer(u.wang.auth);
      const response = await app
        .post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit(2, { stage: 'contacted' }))
        .expect(201);
      const followUp = response.body as FollowUp;
      expect(followUp.objections).toEqual([
        { category: 'price', quote: '拜访采购部王经理，对方认为报价比别家贵，希望账期改为月结' },
        { category: 'payment', quote: '拜访采购部王经理，对方认为报价比别家贵，希望账期改为月结' },
        {
          category: 'competitor',
          quote: '拜访采购部王经理，对方认为报价比别家贵，希望账期改为月结',
        },
        { category: 'price', quote: '你们的价格比别家贵了不少' },
        { category: 'competitor', quote: '你们的价格比别家贵了不少' },
        { category: 'delivery', quote: '我们的交期可以保证两周到货' },
      ]);
      const after = await app.get(`/customers/${customerId}`, u.wang.auth).expect(200);
      expect(after.body).toMatchObject({
        stage: 'contacted',
        lastInteractionAt: followUp.occurredAt,
      });
    });

    it('never moves lastInteractionAt back for a back-dated follow-up', async () => {
      const customerId = await customer(u.wang.auth);
      const latest = (await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit(1)))
        .body as FollowUp;
      await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit(30)).expect(201);
      const after = await app.get(`/customers/${customerId}`, u.wang.auth).expect(200);
      expect((after.body as { lastInteractionAt: string }).lastInteractionAt).toBe(
        latest.occurredAt,
      );
    });

    it('lists follow-ups newest touch first, in pages, and reads one', async () => {
      const customerId = await customer(u.wang.auth);
      const ids: string[] = [];
      for (const hoursAgo of [5, 1, 3]) {
        const response = await app.post(
          `/customers/${customerId}/follow-ups`,
          u.wang.auth,
          visit(hoursAgo),
        );
        ids.push((response.body as FollowUp).id);
      }
      const first = await app
        .get(`/customers/${customerId}/follow-ups?limit=2`, u.wang.auth)
        .expect(200);
      const page = first.body as { items: FollowUp[]; nextCursor: string };
      expect(page.items.map((f) => f.id)).toEqual([ids[1], ids[2]]);
      const second = await app
        .get(`/customers/${customerId}/follow-ups?limit=2&cursor=${page.nextCursor}`, u.wang.auth)
        .expect(200);
      expect((second.body as { items: FollowUp[] }).items.map((f) => f.id)).toEqual([ids[0]]);
      const one = await app.get(`/follow-ups/${ids[0]}`, u.wang.auth).expect(200);
      expect(one.body).toMatchObject({ id: ids[0], customerId, confirmedAt: null });
    });

    it('keeps follow-ups in the data scope: another team gets 404, the supervisor chain sees them', async () => {
      const customerId = await customer(u.wang.auth);
      const followUp = (await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit()))
        .body as FollowUp;
      await app.get(`/follow-ups/${followUp.id}`, u.liu.auth).expect(404);
      await app.get(`/follow-ups/${followUp.id}`, u.sun.auth).expect(404);
      await app.get(`/customers/${customerId}/follow-ups`, u.liu.auth).expect(404);
      await app.post(`/customers/${customerId}/follow-ups`, u.liu.auth, visit()).expect(404);
      await app.get(`/follow-ups/${followUp.id}`, u.li.auth).expect(200);
      await app.get(`/follow-ups/${followUp.id}`, u.zhou.auth).expect(200);
    });

    it('asks a rep to claim a pool customer before recording a touch', async () => {
      const poolCustomer = await customer(app.adminAuth);
      const response = await app.post(
        `/customers/${poolCustomer}/follow-ups`,
        u.wang.auth,
        visit(),
      );
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CUSTOMER_IN_POOL' });
    });

    it('audits the follow-up and its obligation', async () => {
      const customerId = await customer(u.wang.auth);
      const followUp = (await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit()))
        .body as FollowUp;
      const events = await app.sql<{ entity: string; action: string }>(
        `SELECT entity, action FROM audit_events
         WHERE entity_id = $1 OR (entity = 'obligation' AND data->>'followUpId' = $1::text)
         ORDER BY seq`,
        [followUp.id],
      );
      expect(events).toEqual([
        { entity: 'obligation', action: 'opened' },
        { entity: 'follow_up', action: 'created' },
      ]);
    });
  });

  describe('obligations', () => {
    const obligationOf = async (followUpId: string) => {
      const [row] = await app.sql<{
        dueAt: Date;
        graceUntil: Date;
        ownerId: string;
        fulfilledAt: Date | null;
        fulfilledBy: string | null;
      }>(
        `SELECT due_at AS "dueAt", grace_until AS "graceUntil", owner_id AS "ownerId",
           fulfilled_at AS "fulfilledAt", fulfilled_by_follow_up_id AS "fulfilledBy"
         FROM follow_up_obligations WHERE follow_up_id = $1`,
        [followUpId],
      );
      return row;
    };
    const record = async (customerId: string, body: object) =>
      (
        (await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, body).expect(201))
          .body as FollowUp
      ).id;

    it('opens one per next touch, due then, with the grace period from settings', async () => {
      const customerId = await customer(u.wang.auth);
      const body = visit(1);
      const id = await record(customerId, body);
      const obligation = await obligationOf(id);
      expect(obligation.dueAt.toISOString()).toBe(body.nextTouchAt);
      expect(obligation.graceUntil.getTime() - obligation.dueAt.getTime()).toBe(24 * HOUR);
      expect(obligation).toMatchObject({ ownerId: u.wang.id, fulfilledAt: null });
    });

    it('is fulfilled by a later touch, early ones included, but not by one past the grace', async () => {
      const customerId = await customer(u.wang.auth);
      // Promised 100 h ago for 10 h later: the grace ended 66 h ago.
      const lapsed = await record(customerId, visit(100, { nextTouchAt: at(-90) }));
      // Promised 50 h ago for 60 h from then; a touch 40 h ago is early, and counts.
      const kept = await record(customerId, visit(50, { nextTouchAt: at(10) }));
      const touch = await record(customerId, visit(40));
      expect(await obligationOf(lapsed)).toMatchObject({ fulfilledAt: null });
      expect(await obligationOf(kept)).toMatchObject({ fulfilledBy: touch });
    });

    it('keeps the earliest fulfilling touch when a back-dated one is recorded later', async () => {
      const customerId = await customer(u.wang.auth);
      const promise = await record(customerId, visit(50));
      await record(customerId, visit(5));
      const earlier = await record(customerId, visit(20));
      expect(await obligationOf(promise)).toMatchObject({ fulfilledBy: earlier });
    });

    it('is not fulfilled by a touch that happened before the promise', async () => {
      const customerId = await customer(u.wang.auth);
      const promise = await record(customerId, visit(5));
      await record(customerId, visit(8));
      expect(await obligationOf(promise)).toMatchObject({ fulfilledAt: null });
    });
  });

  describe('brief', () => {
    it('answers tags, silence, the last 3 touches with objections, quotes and purchases', async () => {
      const customerId = await customer(u.wang.auth, { tags: ['只接受月结', '倾向视频演示'] });
      for (const hoursAgo of [40, 30, 20, 10]) {
        await app
          .post(`/customers/${customerId}/follow-ups`, u.wang.auth, visit(hoursAgo))
          .expect(201);
      }
      const response = await app.get(`/customers/${customerId}/brief`, u.wang.auth).expect(200);
      const brief = response.body as {
        customer: { id: string };
        tags: string[];
        lastInteractionAt: string;
        silentHours: number;
        lastFollowUps: FollowUp[];
        openQuotes: unknown[];
        ytdPurchases: string;
      };
      expect(brief.customer.id).toBe(customerId);
      expect(brief.tags).toEqual(['只接受月结', '倾向视频演示']);
      expect(brief.silentHours).toBe(10);
      expect(brief.lastFollowUps).toHaveLength(3);
      expect(brief.lastFollowUps[0].occurredAt).toBe(brief.lastInteractionAt);
      expect(brief.lastFollowUps.every((f) => f.objections.length > 0)).toBe(true);
      expect(brief.openQuotes).toEqual([]);
      expect(brief.ytdPurchases).toBe('0.00');
      await app.get(`/customers/${customerId}/brief`, u.liu.auth).expect(404);
    });

    it('counts silence from creation when there was no touch', async () => {
      const customerId = await customer(u.wang.auth);
      await app.sql(`UPDATE customers SET created_at = now() - interval '80 hours' WHERE id = $1`, [
        customerId,
      ]);
      const response = await app.get(`/customers/${customerId}/brief`, u.wang.auth).expect(200);
      expect(response.body).toMatchObject({
        silentHours: 80,
        lastInteractionAt: null,
        lastFollowUps: [],
      });
    });
  });

  describe('attachments as evidence', () => {
    it('takes deliverables and proofs the caller may see, and shares them with the scope', async () => {
      const customerId = await customer(u.wang.auth);
      const quote = await uploadAttachment(app, u.wang.auth, pdfFile(), '报价单.pdf');
      const reply = await uploadAttachment(app, u.wang.auth, pdfFile(), '客户回复.pdf');
      const response = await app
        .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
          ...visit(),
          deliverableIds: [quote.id],
          proofIds: [reply.id],
        })
        .expect(201);
      expect(response.body).toMatchObject({ deliverableIds: [quote.id], proofIds: [reply.id] });
      // The supervisor sees the evidence through the customer; another team does not.
      await app.get(`/attachments/${quote.id}`, u.li.auth).expect(200);
      await app.get(`/attachments/${reply.id}`, u.liu.auth).expect(404);
    });

    it("answers 422 ATTACHMENT_NOT_FOUND for unknown ids and someone else's files", async () => {
      const customerId = await customer(u.wang.auth);
      const foreign = await uploadAttachment(app, u.liu.auth, pdfFile(), '别组的.pdf');
      const response = await app.post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
        ...visit(),
        deliverableIds: ['7d0c9d0e-4b7e-4a0e-9a53-2d4f0f1e9b11'],
        proofIds: [foreign.id],
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'ATTACHMENT_NOT_FOUND',
        errors: [
          { field: 'deliverableIds[0]', message: expect.any(String) },
          { field: 'proofIds[0]', message: expect.any(String) },
        ],
      });
    });
  });
});
