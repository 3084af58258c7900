import { OrgFactory } from './support/factories';
import { ADMIN_PASSWORD, API, createTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('auth, roles and problem+json', () => {
  let app: TestApp;
  let org: OrgFactory;
  let teamId: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_MAX_FAILURES: '5', BODY_LIMIT_BYTES: '4096' });
    org = new OrgFactory(app);
    teamId = await org.orgUnit({ type: 'team', name: '杭州工业配件组' });
  });
  afterAll(() => app.close());

  it('logs in with argon2-checked credentials and returns the token and user', async () => {
    const response = await app
      .api()
      .post(`${API}/auth/login`)
      .send({ username: 'ADMIN', password: ADMIN_PASSWORD })
      .expect(200);
    expect(response.body).toMatchObject({
      accessToken: expect.any(String),
      expiresIn: 28800,
      user: {
        username: 'admin',
        roles: ['admin'],
        displayName: expect.any(String),
        id: expect.any(String),
      },
    });
    const [stored] = await app.sql<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'admin'`,
    );
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password with 401 problem+json', async () => {
    const response = await app
      .api()
      .post(`${API}/auth/login`)
      .send({ username: 'admin', password: 'wrong-password' })
      .expect(401);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      title: 'Unauthorized',
    });
  });

  it('throttles a burst of wrong passwords for one account with 429, even with the right password', async () => {
    const rep = await org.user({ roles: ['rep'], orgUnitId: teamId });
    for (let attempt = 0; attempt < 5; attempt++) {
      await app
        .api()
        .post(`${API}/auth/login`)
        .send({ username: rep.username, password: 'guess' })
        .expect(401);
    }
    const blocked = await app
      .api()
      .post(`${API}/auth/login`)
      .send({ username: rep.username, password: rep.password })
      .expect(429);
    expect(blocked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS', status: 429 });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a missing or forged token with 401', async () => {
    const missing = await app.api().get(`${API}/users/me`).expect(401);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await app.get('/users/me', 'Bearer not.a.token').expect(401);
  });

  it('answers a role that may not act with 403', async () => {
    const rep = await org.user({ roles: ['rep'], orgUnitId: teamId });
    const response = await app
      .post(`/org-units`, rep.auth, { name: 'x', type: 'team' })
      .expect(403);
    expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('answers unknown fields and bad values with 400 naming each field', async () => {
    const response = await app
      .post(`/users`, app.adminAuth, {
        username: 'a',
        password: 'short',
        displayName: '',
        roles: ['king'],
        orgUnitId: teamId,
        shoeSize: 42,
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['shoeSize', 'username', 'password', 'displayName', 'roles']),
    );
  });

  it('answers malformed JSON with 400 and an unknown route with 404, without internals', async () => {
    const malformed = await app
      .api()
      .post(`${API}/auth/login`)
      .set('content-type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.js:\d+/);
    const missing = await app.get('/no-such-route', app.adminAuth).expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const response = await app
      .api()
      .post(`${API}/auth/login`)
      .send({ username: 'admin', password: 'x'.repeat(8192) })
      .expect(413);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a non-UUID id with 400 and an unknown user with 404', async () => {
    const bad = await app.get('/users/42', app.adminAuth).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    await app.get('/users/00000000-0000-4000-8000-000000000000', app.adminAuth).expect(404);
  });

  describe('API keys', () => {
    it('shows the key once, stores only its hash, authenticates with X-API-Key and stops at once when revoked', async () => {
      const created = await app
        .post(`/api-keys`, app.adminAuth, { name: '金蝶K3同步', roles: ['integrator'] })
        .expect(201);
      const { id, key } = created.body as { id: string; key: string };
      expect(key).toMatch(/^smk_/);

      const [row] = await app.sql<{ key_hash: string }>(
        'SELECT key_hash FROM api_keys WHERE id = $1',
        [id],
      );
      expect(row.key_hash).not.toContain(key);
      expect(row.key_hash).toHaveLength(64);

      const listed = await app.get('/api-keys', app.adminAuth).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id, name: '金蝶K3同步', revokedAt: null }),
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(key);

      await app.api().get(`${API}/settings`).set('x-api-key', key).expect(200);
      await app.api().get(`${API}/audit-events`).set('x-api-key', key).expect(403);

      await app
        .api()
        .delete(`${API}/api-keys/${id}`)
        .set('authorization', app.adminAuth)
        .expect(204);
      await app.api().get(`${API}/settings`).set('x-api-key', key).expect(401);
    });

    it('answers revoking an unknown key with 404', async () => {
      await app
        .api()
        .delete(`${API}/api-keys/00000000-0000-4000-8000-000000000000`)
        .set('authorization', app.adminAuth)
        .expect(404);
    });

    it('rejects an unknown key with 401 and a non-admin creator with 403', async () => {
      await app.api().get(`${API}/settings`).set('x-api-key', 'smk_made-up').expect(401);
      const rep = await org.user({ roles: ['rep'], orgUnitId: teamId });
      await app.post('/api-keys', rep.auth, { name: 'x', roles: ['admin'] }).expect(403);
    });
  });
});
