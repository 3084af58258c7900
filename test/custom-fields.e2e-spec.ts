import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import { BookFactory, EastRegion, OrgFactory, TestUser } from './support/factories';
import { QuoteFactory } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

interface Field {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: string[] | null;
  required: boolean;
}

interface Counts {
  entity: string;
  key: string;
  rows: { orgUnitId: string; name: string; counts: Record<string, number> }[];
}

const HOUR = 3_600_000;
const day = (offset: number) =>
  new Date(Date.now() + offset * 24 * HOUR).toISOString().slice(0, 10);
/** Today in any time zone lies between yesterday and the day after tomorrow (UTC). */
const AROUND_TODAY = `from=${day(-1)}&to=${day(2)}`;

let phone = 13600000000 + Math.floor(Math.random() * 1e6);

/**
 * 华东大区: 杭州工业配件组 (li → wang, zhao), 上海快消渠道组 (sun → liu), and the
 * bakery 西湖烘焙店 (store manager wu → rep xu). Records are written now, so
 * the metric reads the days around today.
 */
describe('custom fields (API.md §9)', () => {
  let app: TestApp;
  let org: OrgFactory;
  let u: EastRegion;
  let wu: TestUser;
  let xu: TestUser;
  let hangzhou: string;
  let shanghai: string;
  let xihu: string;

  const define = async (body: object, status = 201) =>
    (await app.post('/custom-fields', app.adminAuth, body).expect(status)).body as Field;
  const remove = (id: string) => app.delete(`/custom-fields/${id}`, app.adminAuth).expect(204);
  const customerBody = (customFields?: object) => ({
    name: `客户${++phone}`,
    phone: String(phone),
    customFields,
  });
  const visit = (customFields?: object) => ({
    channel: 'store',
    occurredAt: new Date(Date.now() - HOUR).toISOString(),
    summary: '到店试吃新品，店长反馈整体不错，下周补货。',
    nextTouchAt: new Date(Date.now() + 72 * HOUR).toISOString(),
    customFields,
  });
  /** The fields a 400 names, after checking that it is the house's validation problem. */
  const invalidFields = (response: { status: number; body: Record<string, unknown> }) => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    return (response.body.errors as { field: string }[]).map((error) => error.field);
  };
  const counts = async (query: string, auth = app.adminAuth) =>
    (await app.get(`/metrics/custom-field?${query}&${AROUND_TODAY}`, auth).expect(200))
      .body as Counts;

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
    u = await org.eastRegion();
    const units = (await app.get('/org-units?limit=100', app.adminAuth).expect(200)).body as {
      items: { id: string; name: string }[];
    };
    const unit = (name: string) => units.items.find((item) => item.name === name)!.id;
    hangzhou = unit('杭州工业配件组');
    shanghai = unit('上海快消渠道组');
    xihu = await org.orgUnit({ type: 'store', name: '西湖烘焙店', parentId: unit('华东大区') });
    wu = await org.user({ roles: ['store_manager'], orgUnitId: xihu, supervisorId: u.zhou.id });
    xu = await org.user({ roles: ['rep'], orgUnitId: xihu, supervisorId: wu.id });
  });
  afterAll(() => app.close());

  describe('definitions', () => {
    it('are created, read, listed by entity, deleted and audited, by the admin only', async () => {
      const body = {
        entity: 'follow_up',
        key: 'tasting_feedback',
        label: '试吃反馈',
        type: 'select',
        options: ['满意', '一般', '需改进'],
      };
      await app.post('/custom-fields', u.li.auth, body).expect(403);
      const created = await app.post('/custom-fields', app.adminAuth, body).expect(201);
      const field = created.body as Field;
      expect(field).toMatchObject({ ...body, required: false, id: expect.any(String) });
      expect(created.headers.location).toContain(`/custom-fields/${field.id}`);

      const duplicate = await app.post('/custom-fields', app.adminAuth, body).expect(409);
      expect(duplicate.body).toMatchObject({
        code: 'DUPLICATE_CUSTOM_FIELD',
        errors: [{ field: 'key' }],
        existingFieldId: field.id,
      });
      const onCustomers = await define({ ...body, entity: 'customer', label: '客户试吃反馈' });

      // Every role reads the definitions: the forms are everyone's.
      expect((await app.get(`/custom-fields/${field.id}`, u.wang.auth).expect(200)).body).toEqual(
        field,
      );
      const listed = await app.get('/custom-fields?entity=follow_up', u.wang.auth).expect(200);
      const ids = (listed.body.items as Field[]).map((item) => item.id);
      expect(ids).toContain(field.id);
      expect(ids).not.toContain(onCustomers.id);

      await app.delete(`/custom-fields/${field.id}`, u.wang.auth).expect(403);
      await remove(field.id);
      await app.get(`/custom-fields/${field.id}`, app.adminAuth).expect(404);
      await app.delete(`/custom-fields/${field.id}`, app.adminAuth).expect(404);
      // A deleted field frees its key.
      const again = await define(body);
      expect(again.id).not.toBe(field.id);

      const events = await app
        .get(`/audit-events?entity=custom_field&entityId=${field.id}`, app.adminAuth)
        .expect(200);
      expect(
        (events.body.items as { action: string; data: Record<string, unknown> }[]).map((event) => [
          event.action,
          event.data.key,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['created', 'tasting_feedback'],
          ['deleted', 'tasting_feedback'],
        ]),
      );
      await remove(again.id);
      await remove(onCustomers.id);
    });

    it.each([
      [{ type: 'select' }, 'options'],
      [{ type: 'multiselect', options: [] }, 'options'],
      [{ type: 'text', options: ['甲'] }, 'options'],
      [{ type: 'select', options: ['甲', '甲'] }, 'options'],
      [{ type: 'text', key: 'Tasting' }, 'key'],
      [{ type: 'text', key: '试吃' }, 'key'],
      [{ type: 'text', key: `k${'x'.repeat(40)}` }, 'key'],
      [{ type: 'text', entity: 'ticket' }, 'entity'],
      [{ type: 'colour' }, 'type'],
      [{ type: 'text', label: '  ' }, 'label'],
    ])('refuses %j, naming %s', async (overrides, field) => {
      const response = await app.post('/custom-fields', app.adminAuth, {
        entity: 'customer',
        key: 'bad_field',
        label: '有问题的字段',
        ...overrides,
      });
      expect(invalidFields(response)).toEqual([field]);
    });
  });

  describe('values', () => {
    let fields: Field[];

    beforeAll(async () => {
      fields = [
        await define({
          entity: 'customer',
          key: 'industry',
          label: '行业',
          type: 'text',
          required: true,
        }),
        await define({
          entity: 'customer',
          key: 'budget',
          label: '年预算（万元）',
          type: 'number',
        }),
        await define({ entity: 'customer', key: 'signed_on', label: '签约日', type: 'date' }),
        await define({ entity: 'customer', key: 'vip', label: '重点客户', type: 'boolean' }),
        await define({
          entity: 'customer',
          key: 'channels',
          label: '销售渠道',
          type: 'multiselect',
          options: ['门店', '线上', '批发'],
        }),
      ];
    });
    // The required customer field would refuse every other suite's customers.
    afterAll(async () => {
      for (const field of fields) await remove(field.id);
    });

    it.each([
      ['an unknown key', { industry: '烘焙', 行业: '烘焙' }, 'customFields.行业'],
      ['a wrong type', { industry: '烘焙', budget: '五十' }, 'customFields.budget'],
      ['a text over 500 characters', { industry: '烘'.repeat(501) }, 'customFields.industry'],
      [
        'an impossible date',
        { industry: '烘焙', signed_on: '2026-02-29' },
        'customFields.signed_on',
      ],
      ['a boolean as text', { industry: '烘焙', vip: 'yes' }, 'customFields.vip'],
      ['an option not listed', { industry: '烘焙', channels: ['直播'] }, 'customFields.channels'],
      [
        'an option twice',
        { industry: '烘焙', channels: ['门店', '门店'] },
        'customFields.channels',
      ],
      ['a missing required field', { budget: 50 }, 'customFields.industry'],
    ])('refuses a customer with %s, naming the field', async (_kind, customFields, field) => {
      const response = await app.post('/customers', u.wang.auth, customerBody(customFields));
      expect(invalidFields(response)).toEqual([field]);
    });

    it('refuses a customer without customFields while a field is required', async () => {
      const response = await app.post('/customers', u.wang.auth, customerBody());
      expect(invalidFields(response)).toEqual(['customFields.industry']);
    });

    it('stores and returns valid values, and checks a PATCH as a create', async () => {
      const values = {
        industry: '烘焙连锁',
        budget: 52.5,
        signed_on: '2026-11-30',
        vip: true,
        channels: ['门店', '线上'],
      };
      const created = await app.post('/customers', u.wang.auth, customerBody(values)).expect(201);
      const id = created.body.id as string;
      expect(created.body.customFields).toEqual(values);
      expect(
        (await app.get(`/customers/${id}`, u.wang.auth).expect(200)).body.customFields,
      ).toEqual(values);

      const bad = await app.patch(`/customers/${id}`, u.wang.auth, {
        customFields: { industry: '餐饮', channels: '线上' },
      });
      expect(invalidFields(bad)).toEqual(['customFields.channels']);
      const missing = await app.patch(`/customers/${id}`, u.wang.auth, { customFields: {} });
      expect(invalidFields(missing)).toEqual(['customFields.industry']);
      // A PATCH that leaves customFields alone is not held to them.
      await app.patch(`/customers/${id}`, u.wang.auth, { city: '杭州' }).expect(200);

      const patched = await app
        .patch(`/customers/${id}`, u.wang.auth, { customFields: { industry: '餐饮' } })
        .expect(200);
      expect(patched.body.customFields).toEqual({ industry: '餐饮' });
    });

    it('names every bad field at once, in both languages', async () => {
      const response = await app
        .post('/customers', u.wang.auth, customerBody({ budget: 'x', vip: 1 }))
        .set('accept-language', 'zh-CN');
      expect(invalidFields(response).sort()).toEqual([
        'customFields.budget',
        'customFields.industry',
        'customFields.vip',
      ]);
      expect(response.body.errors).toContainEqual({
        field: 'customFields.industry',
        message: '为必填项',
      });
    });
  });

  describe('on follow-ups and quotes', () => {
    let tasting: Field;
    let urgency: Field;
    let customerId: string;

    beforeAll(async () => {
      tasting = await define({
        entity: 'follow_up',
        key: 'tasting',
        label: '试吃反馈',
        type: 'select',
        options: ['满意', '一般', '需改进'],
        required: true,
      });
      urgency = await define({
        entity: 'quote',
        key: 'urgency',
        label: '紧急程度',
        type: 'select',
        options: ['加急', '普通'],
        required: true,
      });
      customerId = await new BookFactory(app).customer('西湖烘焙店采购', u.wang.id);
    });
    afterAll(async () => {
      await remove(tasting.id);
      await remove(urgency.id);
    });

    it('checks a follow-up’s values and returns them', async () => {
      const path = `/customers/${customerId}/follow-ups`;
      expect(invalidFields(await app.post(path, u.wang.auth, visit()))).toEqual([
        'customFields.tasting',
      ]);
      expect(invalidFields(await app.post(path, u.wang.auth, visit({ tasting: '很好' })))).toEqual([
        'customFields.tasting',
      ]);
      const created = await app.post(path, u.wang.auth, visit({ tasting: '满意' })).expect(201);
      expect(created.body.customFields).toEqual({ tasting: '满意' });
      const read = await app.get(`/follow-ups/${created.body.id}`, u.wang.auth).expect(200);
      expect(read.body.customFields).toEqual({ tasting: '满意' });
    });

    it('checks a quote’s values and returns them, {} by default elsewhere', async () => {
      const quotes = new QuoteFactory(app);
      const product = await quotes.product();
      const body = {
        customerId,
        lines: [{ productId: product.id, qty: 10, unitPrice: '42.00' }],
      };
      expect(invalidFields(await app.post('/quotes', u.wang.auth, body))).toEqual([
        'customFields.urgency',
      ]);
      expect(
        invalidFields(
          await app.post('/quotes', u.wang.auth, { ...body, customFields: { urgency: 1 } }),
        ),
      ).toEqual(['customFields.urgency']);
      const quote = await app
        .post('/quotes', u.wang.auth, { ...body, customFields: { urgency: '加急' } })
        .expect(201);
      expect(quote.body.customFields).toEqual({ urgency: '加急' });
      const read = await app.get(`/quotes/${quote.body.id}`, u.wang.auth).expect(200);
      expect(read.body.customFields).toEqual({ urgency: '加急' });
      const customer = await app.get(`/customers/${customerId}`, u.wang.auth).expect(200);
      expect(customer.body.customFields).toEqual({});
    });
  });

  describe('a deleted definition', () => {
    it('keeps the values written under it, and no longer checks nor requires them', async () => {
      const grade = await define({
        entity: 'customer',
        key: 'grade',
        label: '客户等级',
        type: 'select',
        options: ['A', 'B', 'C'],
        required: true,
      });
      const created = await app
        .post('/customers', u.wang.auth, customerBody({ grade: 'A' }))
        .expect(201);
      const id = created.body.id as string;
      await remove(grade.id);

      const read = await app.get(`/customers/${id}`, u.wang.auth).expect(200);
      expect(read.body.customFields).toEqual({ grade: 'A' });
      // No longer required...
      await app.post('/customers', u.wang.auth, customerBody()).expect(201);
      // ...its value may be written back as it was, but not changed nor given to a new record.
      await app
        .patch(`/customers/${id}`, u.wang.auth, { customFields: { grade: 'A' } })
        .expect(200);
      expect(
        invalidFields(
          await app.patch(`/customers/${id}`, u.wang.auth, { customFields: { grade: 'Z' } }),
        ),
      ).toEqual(['customFields.grade']);
      expect(
        invalidFields(await app.post('/customers', u.wang.auth, customerBody({ grade: 'A' }))),
      ).toEqual(['customFields.grade']);
    });
  });

  describe('GET /metrics/custom-field', () => {
    let feedback: Field;

    /** A follow-up answering 口味评价 on a new customer of `rep`. */
    const rated = async (rep: TestUser, answer: string) => {
      const customerId = await new BookFactory(app).customer(`门店${++phone}`, rep.id);
      await app
        .post(`/customers/${customerId}/follow-ups`, rep.auth, visit({ flavour_rating: answer }))
        .expect(201);
    };

    beforeAll(async () => {
      feedback = await define({
        entity: 'follow_up',
        key: 'flavour_rating',
        label: '口味评价',
        type: 'select',
        options: ['满意', '一般', '需改进'],
      });
      await rated(u.wang, '满意');
      await rated(u.wang, '满意');
      await rated(u.zhao, '需改进');
      await rated(u.liu, '一般');
      await rated(xu, '满意');
      await rated(xu, '一般');
      // A follow-up without the field counts nowhere.
      const quiet = await new BookFactory(app).customer('无反馈门店', u.wang.id);
      await app.post(`/customers/${quiet}/follow-ups`, u.wang.auth, visit()).expect(201);
    });

    it('counts the values by team', async () => {
      const answer = await counts('entity=follow_up&key=flavour_rating&groupBy=team');
      expect(answer).toMatchObject({ entity: 'follow_up', key: 'flavour_rating' });
      // 西湖烘焙店 lies in no team: xu's answers count by store only.
      expect(answer.rows).toHaveLength(2);
      expect(answer.rows).toEqual(
        expect.arrayContaining([
          { orgUnitId: hangzhou, name: '杭州工业配件组', counts: { 满意: 2, 需改进: 1 } },
          { orgUnitId: shanghai, name: '上海快消渠道组', counts: { 一般: 1 } },
        ]),
      );
    });

    it('counts the values by store', async () => {
      const { rows } = await counts('entity=follow_up&key=flavour_rating&groupBy=store');
      expect(rows).toEqual([{ orgUnitId: xihu, name: '西湖烘焙店', counts: { 满意: 1, 一般: 1 } }]);
    });

    it('counts only what the caller sees: a rep its own, a supervisor its team', async () => {
      const mine = await counts('entity=follow_up&key=flavour_rating&groupBy=team', u.wang.auth);
      expect(mine.rows).toEqual([
        { orgUnitId: hangzhou, name: '杭州工业配件组', counts: { 满意: 2 } },
      ]);
      const team = await counts('entity=follow_up&key=flavour_rating&groupBy=team', u.li.auth);
      expect(team.rows).toEqual([
        { orgUnitId: hangzhou, name: '杭州工业配件组', counts: { 满意: 2, 需改进: 1 } },
      ]);
      const store = await counts('entity=follow_up&key=flavour_rating&groupBy=store', xu.auth);
      expect(store.rows).toEqual([
        { orgUnitId: xihu, name: '西湖烘焙店', counts: { 满意: 1, 一般: 1 } },
      ]);
    });

    it('counts a multiselect once per option, for the customers created in the range', async () => {
      const channels = await define({
        entity: 'customer',
        key: 'sales_channels',
        label: '销售渠道',
        type: 'multiselect',
        options: ['门店', '线上', '批发'],
      });
      await app
        .post('/customers', u.liu.auth, customerBody({ sales_channels: ['门店', '线上'] }))
        .expect(201);
      await app
        .post('/customers', u.liu.auth, customerBody({ sales_channels: ['门店'] }))
        .expect(201);
      const { rows } = await counts('entity=customer&key=sales_channels&groupBy=team');
      expect(rows).toEqual([
        { orgUnitId: shanghai, name: '上海快消渠道组', counts: { 门店: 2, 线上: 1 } },
      ]);
      const earlier = await app
        .get(
          `/metrics/custom-field?entity=customer&key=sales_channels&groupBy=team&from=${day(-9)}&to=${day(-2)}`,
          app.adminAuth,
        )
        .expect(200);
      expect(earlier.body.rows).toEqual([]);
      await remove(channels.id);
    });

    it('answers 404 for a key that is no live field, 400 for an unknown entity or grouping', async () => {
      const path = '/metrics/custom-field';
      const notFound = await app
        .get(`${path}?entity=quote&key=flavour_rating&groupBy=team&${AROUND_TODAY}`, app.adminAuth)
        .expect(404);
      expect(notFound.body).toMatchObject({ code: 'NOT_FOUND' });
      await app
        .get(`${path}?entity=ticket&key=flavour_rating&groupBy=team&${AROUND_TODAY}`, app.adminAuth)
        .expect(400);
      await app
        .get(
          `${path}?entity=follow_up&key=flavour_rating&groupBy=region&${AROUND_TODAY}`,
          app.adminAuth,
        )
        .expect(400);
      await app
        .get(
          `${path}?entity=follow_up&key=flavour_rating&groupBy=team&from=${day(1)}&to=${day(0)}`,
          app.adminAuth,
        )
        .expect(400);
      await remove(feedback.id);
      await app
        .get(
          `${path}?entity=follow_up&key=flavour_rating&groupBy=team&${AROUND_TODAY}`,
          app.adminAuth,
        )
        .expect(404);
      await app.get(`/custom-fields/${randomUUID()}`, app.adminAuth).expect(404);
    });
  });
});

describe('custom-field demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  it('defines the bakery’s 试吃反馈 and answers it on store visits, counted by team', async () => {
    const director = await app.login('chen.director', DEMO_PASSWORD);
    const fields = await app.get('/custom-fields?entity=follow_up', director).expect(200);
    expect(fields.body.items).toEqual([
      expect.objectContaining({
        key: 'tasting_feedback',
        label: '试吃反馈',
        type: 'select',
        options: ['满意', '一般', '需改进'],
      }),
    ]);
    const counted = (
      await app
        .get(
          `/metrics/custom-field?entity=follow_up&key=tasting_feedback&groupBy=team&${AROUND_TODAY}`,
          director,
        )
        .expect(200)
    ).body as Counts;
    const answers = counted.rows.flatMap((row) => Object.entries(row.counts));
    expect(new Set(answers.map(([answer]) => answer))).toEqual(new Set(['满意', '一般', '需改进']));
    expect(answers.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0);
  });
});
