import { createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { OrgFactory, TestUser } from './support/factories';
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

  describe('WWW-Authenticate and expiry', () => {
    const REALM = 'Bearer realm="sales-api"';

    it('challenges a request without credentials with a bare Bearer challenge', async () => {
      const response = await app.api().get(`${API}/users/me`).expect(401);
      expect(response.headers['www-authenticate']).toBe(REALM);
    });

    it('answers a bad bearer token or API key with invalid_token and why', async () => {
      const forged = await app.get('/users/me', 'Bearer not.a.token').expect(401);
      const badKey = await app.api().get(`${API}/users/me`).set('x-api-key', 'smk_x').expect(401);
      for (const response of [forged, badKey]) {
        expect(response.body.code).toBe('UNAUTHENTICATED');
        expect(response.headers['www-authenticate']).toMatch(
          /^Bearer realm="sales-api", error="invalid_token", error_description="[^"\\]+"$/,
        );
      }
    });

    it('challenges the 401 of a wrong password too', async () => {
      const response = await app
        .api()
        .post(`${API}/auth/login`)
        .send({ username: 'admin', password: 'wrong-password' })
        .expect(401);
      expect(response.headers['www-authenticate']).toBe(REALM);
    });

    it('answers an expired token of ours TOKEN_EXPIRED, and a forged one UNAUTHENTICATED', async () => {
      const jwt = app.running.app.get(JwtService);
      const live = jwt.decode<{ sub: string; sid: string }>(app.adminAuth.slice('Bearer '.length));
      const expired = jwt.sign({ sub: live.sub, sid: live.sid }, { expiresIn: -10 });
      const response = await app.get('/users/me', `Bearer ${expired}`).expect(401);
      expect(response.body).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
      expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);

      // The same expired claims under another key: not ours, so not told that it expired.
      const forged = new JwtService({ secret: 'another-key' }).sign(
        { sub: live.sub, sid: live.sid },
        { expiresIn: -10 },
      );
      const refused = await app.get('/users/me', `Bearer ${forged}`).expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('sessions and refresh tokens', () => {
    interface Tokens {
      accessToken: string;
      refreshToken: string;
    }
    let rep: TestUser;

    beforeAll(async () => {
      rep = await org.user({ roles: ['rep'], orgUnitId: teamId });
    });

    const signIn = async (): Promise<Tokens> =>
      (
        await app
          .api()
          .post(`${API}/auth/login`)
          .send({ username: rep.username, password: rep.password })
          .expect(200)
      ).body as Tokens;
    const refresh = (refreshToken: string) =>
      app.api().post(`${API}/auth/refresh`).send({ refreshToken });
    const me = (tokens: Tokens) => app.get('/users/me', `Bearer ${tokens.accessToken}`);

    it('rotates: a refresh gives new tokens that work, and the old refresh token stops working', async () => {
      const first = await signIn();
      expect(first.refreshToken).toMatch(/^smr_/);
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;
      expect(second).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^smr_/),
        expiresIn: 28800,
      });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await me(second).expect(200);
      const third = (await refresh(second.refreshToken).expect(200)).body as Tokens;
      await me(third).expect(200);
    });

    it('stores refresh tokens only as hashes', async () => {
      const { refreshToken } = await signIn();
      const rows = await app.sql<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.token_hash).join()).not.toContain(refreshToken.slice(4, 20));
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    });

    it('ends the whole session when a refresh token is used twice', async () => {
      const first = await signIn();
      const second = (await refresh(first.refreshToken).expect(200)).body as Tokens;
      const replayed = await refresh(first.refreshToken).expect(401);
      expect(replayed.body.code).toBe('REFRESH_TOKEN_REUSED');
      expect(replayed.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      // The rightful holder's newer tokens went with the session.
      expect((await refresh(second.refreshToken).expect(401)).body.code).toBe(
        'INVALID_REFRESH_TOKEN',
      );
      await me(second).expect(401);
      await me(first).expect(401);
    });

    it('lets exactly one of two concurrent refreshes of one token win', async () => {
      const { refreshToken } = await signIn();
      const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 401]);
      // The loser used a token already used: a reuse, which ends the session (see the spec).
      const loser = answers.find((answer) => answer.status === 401)!;
      expect(loser.body.code).toBe('REFRESH_TOKEN_REUSED');
      const winner = answers.find((answer) => answer.status === 200)!.body as Tokens;
      await refresh(winner.refreshToken).expect(401);
      // One successor only: the session's tokens are the one presented and the winner's.
      const session = await app.sql<{ endReason: string; tokens: number }>(
        `SELECT s.end_reason AS "endReason", count(*)::int AS tokens
         FROM sessions s JOIN refresh_tokens r ON r.session_id = s.id
         WHERE s.id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)
         GROUP BY s.id`,
        [createHash('sha256').update(refreshToken).digest('hex')],
      );
      expect(session).toEqual([{ endReason: 'refresh_token_reused', tokens: 2 }]);
    });

    it('ends the session on logout: its refresh and access tokens stop working, others go on', async () => {
      const leaving = await signIn();
      const staying = await signIn();
      await me(leaving).expect(200);
      await app
        .api()
        .post(`${API}/auth/logout`)
        .send({ refreshToken: leaving.refreshToken })
        .expect(204);
      await me(leaving).expect(401);
      await refresh(leaving.refreshToken).expect(401);
      await me(staying).expect(200);
      // Logging out twice is harmless.
      await app
        .api()
        .post(`${API}/auth/logout`)
        .send({ refreshToken: leaving.refreshToken })
        .expect(204);
    });

    it('refuses an unknown refresh token with 401 and a challenge', async () => {
      const response = await refresh('smr_made-up').expect(401);
      expect(response.body.code).toBe('INVALID_REFRESH_TOKEN');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="sales-api"/);
    });
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

    it('answers GET /users/me with the identity of the key itself', async () => {
      const created = await app
        .post(`/api-keys`, app.adminAuth, { name: '用友U8同步', roles: ['integrator'] })
        .expect(201);
      const { id, key } = created.body as { id: string; key: string };
      const me = await app.api().get(`${API}/users/me`).set('x-api-key', key).expect(200);
      expect(me.body).toEqual({ kind: 'api_key', id, name: '用友U8同步', roles: ['integrator'] });
      const user = await app.get('/users/me', app.adminAuth).expect(200);
      expect(user.body).toMatchObject({ kind: 'user', username: 'admin', roles: ['admin'] });
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
