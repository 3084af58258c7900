import { OrgFactory } from './support/factories';
import { ADMIN_PASSWORD, API, createTestApp, TestApp } from './support/test-app';

describe('Idempotency-Key', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const createUnit = (key: string, body: object, auth = app.adminAuth) =>
    app
      .api()
      .post(`${API}/org-units`)
      .set('authorization', auth)
      .set('idempotency-key', key)
      .send(body);

  const countUnits = async (name: string) =>
    (
      await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM org_units WHERE name = $1', [
        name,
      ])
    )[0].n;

  it('replays the first response (status and body) and does the work once', async () => {
    const first = await createUnit('key-replay', { name: '华东大区', type: 'region' }).expect(201);
    const second = await createUnit('key-replay', { type: 'region', name: '华东大区' }).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBe('false');
    expect(await countUnits('华东大区')).toBe(1);
  });

  it('answers the same key with another body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await createUnit('key-reuse', { name: '杭州工业配件组', type: 'team' }).expect(201);
    const reused = await createUnit('key-reuse', { name: '上海快消渠道组', type: 'team' }).expect(
      409,
    );
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 409 });
    expect(await countUnits('上海快消渠道组')).toBe(0);
  });

  it('lets concurrent requests with one key create exactly one row, all answered alike', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        createUnit('key-race', { name: '西湖烘焙店', type: 'store' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await countUnits('西湖烘焙店')).toBe(1);
  });

  it('scopes keys to the caller', async () => {
    const org = new OrgFactory(app);
    const regionId = await org.orgUnit({ type: 'region' });
    const otherAdmin = await org.user({ roles: ['admin'], orgUnitId: regionId });
    const mine = await createUnit('shared-key', { name: '滨江烘焙店', type: 'store' }).expect(201);
    const theirs = await createUnit(
      'shared-key',
      { name: '滨江烘焙店', type: 'store' },
      otherAdmin.auth,
    ).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('does not keep a key whose request failed, so a corrected retry succeeds', async () => {
    await createUnit('key-after-error', {
      name: '苏州组',
      type: 'team',
      parentId: '00000000-0000-4000-8000-000000000000',
    }).expect(400);
    await createUnit('key-after-error', { name: '苏州组', type: 'team' }).expect(201);
  });

  it('treats a key older than 24 hours as new', async () => {
    const first = await createUnit('key-expired', { name: '宁波组', type: 'team' }).expect(201);
    await app.sql(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-expired'`,
    );
    const again = await createUnit('key-expired', { name: '宁波组', type: 'team' }).expect(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('false');
  });

  it('ignores the key where the answer is a secret, so no secret is kept or shown twice', async () => {
    const create = () =>
      app
        .api()
        .post(`${API}/api-keys`)
        .set('authorization', app.adminAuth)
        .set('idempotency-key', 'secret-answer')
        .send({ name: 'U8 同步', roles: ['integrator'] })
        .expect(201);
    const [first, second] = [await create(), await create()];
    expect(second.body.key).not.toBe(first.body.key);
    await app
      .api()
      .post(`${API}/auth/login`)
      .set('idempotency-key', 'secret-answer')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    expect(await app.sql(`SELECT 1 FROM idempotency_keys WHERE key = 'secret-answer'`)).toEqual([]);
  });

  it('rejects a key longer than 255 characters with 400 naming the header', async () => {
    const response = await createUnit('k'.repeat(256), { name: '超长键', type: 'team' }).expect(
      400,
    );
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    await createUnit('k'.repeat(255), { name: '最长键', type: 'team' }).expect(201);
  });
});
