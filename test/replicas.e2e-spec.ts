import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort } from '../tools/app-process';
import { ADMIN_PASSWORD, createTestDatabase, TestDatabase, withClient } from './support/test-app';

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * Two replicas on one database, as behind a load balancer: two processes
 * with nothing shared but PostgreSQL (no JWT_SECRET, separate DATA_DIRs). A
 * token from one is good on the other, and a change to who a caller is (a
 * revoked key, a demotion, a deactivation) takes effect on both, although
 * each caches principals. Processes, not two apps in one test process:
 * passport keeps its strategies in one global registry per process.
 */
describe('replicas on one database', () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-replicas-'));
  const replicas: AppProcess[] = [];
  let adminAuth = '';

  const call = <T = Record<string, unknown>>(
    app: AppProcess,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Answer<T>> =>
    app.json<T>(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const sql = (text: string, params: unknown[]) =>
    withClient(database.url, (client) => client.query(text, params));

  /** What a principal change takes to reach a replica that did not make it: one notification. */
  async function eventually(check: () => Promise<boolean>, withinMs = 2000): Promise<boolean> {
    for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return check();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const name of ['a', 'b']) {
      const app = new AppProcess(await freePort(), {
        DATABASE_URL: database.url,
        DATA_DIR: join(dataDir, name),
        ADMIN_PASSWORD,
        JWT_SECRET: '',
      });
      replicas.push(app);
      // One after the other: the first migrates, the second finds it done.
      await app.start();
    }
    const login = await call<{ accessToken: string }>(
      replicas[0],
      'POST',
      '/auth/login',
      {},
      {
        username: 'admin',
        password: ADMIN_PASSWORD,
      },
    );
    adminAuth = `Bearer ${login.body.accessToken}`;
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.stop()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts on one replica the token that the other signed: the secret is in the database', async () => {
    const [a, b] = replicas;
    expect((await call(b, 'GET', '/users/me', { authorization: adminAuth })).status).toBe(200);
    expect((await call(a, 'GET', '/users/me', { authorization: adminAuth })).status).toBe(200);
    const { rows } = await sql('SELECT name FROM app_secrets', []);
    expect(rows).toEqual([{ name: 'access-token-hmac' }]);
  });

  it('refuses a revoked API key at once on the replica that revoked it, and on the other', async () => {
    const [a, b] = replicas;
    const created = await call<{ id: string; key: string }>(
      a,
      'POST',
      '/api-keys',
      { authorization: adminAuth },
      { name: '用友U8同步', roles: ['integrator'] },
    );
    const { id, key } = created.body;
    const settings = (app: AppProcess) => call(app, 'GET', '/settings', { 'x-api-key': key });
    // Both replicas have now cached the key's principal.
    expect((await settings(a)).status).toBe(200);
    expect((await settings(b)).status).toBe(200);

    const revoked = await fetch(`${a.baseUrl}/api/v1/api-keys/${id}`, {
      method: 'DELETE',
      headers: { authorization: adminAuth },
    });
    expect(revoked.status).toBe(204);

    expect((await settings(a)).status).toBe(401);
    expect(await eventually(async () => (await settings(b)).status === 401)).toBe(true);
  });

  it('applies a demotion and a deactivation made in SQL on both replicas', async () => {
    const [a] = replicas;
    const team = await call<{ id: string }>(
      a,
      'POST',
      '/org-units',
      { authorization: adminAuth },
      { name: '宁波五金组', type: 'team' },
    );
    const user = await call<{ id: string }>(
      a,
      'POST',
      '/users',
      { authorization: adminAuth },
      {
        username: 'chen.sup',
        password: 'chen-password-1',
        displayName: '陈主管',
        roles: ['supervisor'],
        orgUnitId: team.body.id,
      },
    );
    const login = await call<{ accessToken: string }>(
      a,
      'POST',
      '/auth/login',
      {},
      {
        username: 'chen.sup',
        password: 'chen-password-1',
      },
    );
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const transfer = (app: AppProcess) =>
      call(app, 'POST', '/customers/00000000-0000-4000-8000-000000000000/transfer', auth, {
        toUserId: user.body.id,
      });
    for (const app of replicas) expect((await transfer(app)).status).toBe(404);

    await sql(`UPDATE users SET roles = '{rep}' WHERE id = $1`, [user.body.id]);
    for (const app of replicas) {
      expect(await eventually(async () => (await transfer(app)).status === 403)).toBe(true);
    }

    await sql('UPDATE users SET active = false WHERE id = $1', [user.body.id]);
    for (const app of replicas) {
      const me = () => call(app, 'GET', '/users/me', auth);
      expect(await eventually(async () => (await me()).status === 401)).toBe(true);
    }
  });
  describe('changes made through the API', () => {
    interface Tokens {
      accessToken: string;
      refreshToken: string;
    }
    let teamId = '';
    let sequence = 0;

    beforeAll(async () => {
      const team = await call<{ id: string }>(
        replicas[0],
        'POST',
        '/org-units',
        { authorization: adminAuth },
        { name: '温州阀门组', type: 'team' },
      );
      teamId = team.body.id;
    });

    /** A new user on `roles`, signed in on replica a. */
    async function signedIn(roles: string[]): Promise<{ id: string; tokens: Tokens }> {
      const username = `replica.user${++sequence}`;
      const password = 'replica-password-1';
      const user = await call<{ id: string }>(
        replicas[0],
        'POST',
        '/users',
        { authorization: adminAuth },
        { username, password, displayName: '复制测试', roles, orgUnitId: teamId },
      );
      const login = await call<Tokens>(
        replicas[0],
        'POST',
        '/auth/login',
        {},
        { username, password },
      );
      return { id: user.body.id, tokens: login.body };
    }

    const patchUser = (id: string, body: object) =>
      call(replicas[0], 'PATCH', `/users/${id}`, { authorization: adminAuth }, body);
    const bearer = (tokens: Tokens) => ({ authorization: `Bearer ${tokens.accessToken}` });

    it("ends a deactivated user's access and refresh tokens on both replicas", async () => {
      const [a, b] = replicas;
      const { id, tokens } = await signedIn(['rep']);
      const me = (app: AppProcess) => call(app, 'GET', '/users/me', bearer(tokens));
      // Both replicas have now cached the user's principal.
      expect((await me(a)).status).toBe(200);
      expect((await me(b)).status).toBe(200);

      expect((await patchUser(id, { active: false })).status).toBe(200);

      expect((await me(a)).status).toBe(401);
      expect(await eventually(async () => (await me(b)).status === 401, 500)).toBe(true);
      const refreshed = await call(
        b,
        'POST',
        '/auth/refresh',
        {},
        {
          refreshToken: tokens.refreshToken,
        },
      );
      expect(refreshed.status).toBe(401);
    });

    it('answers 403 on the other replica once a role is removed', async () => {
      const [a, b] = replicas;
      const { id, tokens } = await signedIn(['admin', 'rep']);
      const keys = (app: AppProcess) => call(app, 'GET', '/api-keys', bearer(tokens));
      expect((await keys(a)).status).toBe(200);
      expect((await keys(b)).status).toBe(200);

      expect((await patchUser(id, { roles: ['rep'] })).status).toBe(200);

      expect((await keys(a)).status).toBe(403);
      expect(await eventually(async () => (await keys(b)).status === 403, 500)).toBe(true);
    });
  });
});
