import { OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

describe('settings and optimistic concurrency', () => {
  let app: TestApp;
  let repAuth: string;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    repAuth = (await org.user({ roles: ['rep'], orgUnitId: await org.orgUnit({ type: 'team' }) }))
      .auth;
  });
  afterAll(() => app.close());

  it('gives every authenticated user the contract defaults with a version', async () => {
    const response = await app.get('/settings', repAuth).expect(200);
    expect(response.body).toEqual({
      companyName: '本公司',
      timezone: 'Asia/Shanghai',
      minMarginPct: 12.5,
      silentHours: { b2b: 72, b2c: 168 },
      complianceGraceHours: 24,
      firstResponseTargetMinutes: 15,
      ticketFirstResponseHours: 4,
      funnelAnomalyWindowWeeks: 8,
      funnelAnomalySigmaMultiplier: 2,
      objectionKeywords: {
        price: ['价格', '贵', '折扣', '便宜', '预算'],
        delivery: ['交期', '交货', '发货', '物流', '到货'],
        payment: ['账期', '月结', '付款', '预付', '回款'],
        quality: ['质量', '故障', '不良', '退货'],
        competitor: ['竞品', '对手', '别家'],
        service: ['售后', '服务', '响应'],
      },
      version: 1,
    });
  });

  it('lets only an admin change settings', async () => {
    await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', repAuth)
      .send({ minMarginPct: 5 })
      .expect(403);
  });

  it('merges a partial change, bumps the version and audits it', async () => {
    const response = await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', app.adminAuth)
      .set('if-match', '1')
      .send({ minMarginPct: 15, silentHours: { b2b: 48 } })
      .expect(200);
    expect(response.body).toMatchObject({
      minMarginPct: 15,
      silentHours: { b2b: 48, b2c: 168 },
      version: 2,
    });
    const audit = await app.get('/audit-events?entity=settings', app.adminAuth).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'updated',
        data: {
          version: 2,
          before: { minMarginPct: 12.5, silentHours: { b2b: 72, b2c: 168 } },
          after: { minMarginPct: 15, silentHours: { b2b: 48, b2c: 168 } },
        },
      }),
    ]);
  });

  it('answers a stale If-Match with 409 STALE_VERSION and changes nothing', async () => {
    const response = await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', app.adminAuth)
      .set('if-match', '1')
      .send({ minMarginPct: 20 })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const current = await app.get('/settings', app.adminAuth).expect(200);
    expect(current.body).toMatchObject({ minMarginPct: 15, version: 2 });
  });

  it('lets exactly one of two concurrent writers with the same If-Match win', async () => {
    const patch = (timezone: string) =>
      app
        .api()
        .patch(`${API}/settings`)
        .set('authorization', app.adminAuth)
        .set('if-match', '2')
        .send({ timezone });
    const statuses = (await Promise.all([patch('Asia/Urumqi'), patch('Asia/Hong_Kong')]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ minMarginPct: 120 }, 'minMarginPct'],
    [{ silentHours: { b2b: 0 } }, 'silentHours.b2b'],
    [{ objectionKeywords: { price: ['价格', ''] } }, 'objectionKeywords.price'],
    [{ objectionKeywords: { mood: ['心情'] } }, 'objectionKeywords.mood'],
    [{ colour: 'red' }, 'colour'],
    [{ companyName: '  ' }, 'companyName'],
    [{ companyName: null }, 'companyName'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const response = await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', app.adminAuth)
      .send(body)
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('sets the seller’s name for customer documents, trimmed, and audits it', async () => {
    const response = await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', app.adminAuth)
      .send({ companyName: ' 杭州精工机械有限公司 ' })
      .expect(200);
    expect(response.body).toMatchObject({ companyName: '杭州精工机械有限公司' });
    const audit = await app.get('/audit-events?entity=settings', app.adminAuth).expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'updated',
        data: expect.objectContaining({
          before: { companyName: '本公司' },
          after: { companyName: '杭州精工机械有限公司' },
        }),
      }),
    );
  });

  it('rejects an If-Match that is not a version with 400', async () => {
    await app
      .api()
      .patch(`${API}/settings`)
      .set('authorization', app.adminAuth)
      .set('if-match', 'yesterday')
      .send({})
      .expect(400);
  });
});
