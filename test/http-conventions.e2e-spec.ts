import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { parse } from 'yaml';
import { pdfFile } from './support/attachments';
import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

const CRM_ORIGIN = 'https://crm.example.com';
const LOGIN_MAX_FAILURES = 3;

/** What a browser sends before a cross-origin PATCH with our headers. */
const preflight = (app: TestApp, path: string, origin: string) =>
  app
    .api()
    .options(`${API}${path}`)
    .set('origin', origin)
    .set('access-control-request-method', 'PATCH')
    .set(
      'access-control-request-headers',
      'authorization,x-api-key,content-type,idempotency-key,if-match,accept-language',
    );

const headerList = (value: string | undefined) =>
  (value ?? '').split(',').map((entry) => entry.trim().toLowerCase());

/**
 * Sends `head` (request line and headers) as raw bytes, as curl does with an
 * unencoded `?q=张三`, which supertest would percent-encode; returns the answer.
 */
function rawHttp(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(head, 'utf8')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('HTTP conventions for browsers and integrators', () => {
  let app: TestApp;
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp({
      CORS_ORIGINS: `${CRM_ORIGIN},http://localhost:5173`,
      LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
      LOG_LEVEL: 'error',
    });
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  let phoneSeq = 0;
  const nextPhone = () => `+86139${String(30_000_000 + ++phoneSeq)}`;

  describe('CORS (CORS_ORIGINS set to a list)', () => {
    it('answers a preflight from a listed origin with every method and header we take', async () => {
      const answer = await preflight(
        app,
        '/customers/00000000-0000-4000-8000-000000000000',
        CRM_ORIGIN,
      ).expect(204);
      expect(answer.headers['access-control-allow-origin']).toBe(CRM_ORIGIN);
      expect(headerList(answer.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post', 'patch', 'delete']),
      );
      expect(headerList(answer.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining([
          'authorization',
          'x-api-key',
          'content-type',
          'idempotency-key',
          'if-match',
          'accept-language',
        ]),
      );
      // Credentials are headers, never cookies.
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('gives an origin that is not listed no CORS grant', async () => {
      const answer = await preflight(app, '/customers', 'https://evil.example.net');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('exposes our headers to scripts on an actual request, errors included', async () => {
      for (const auth of [u.wang.auth, 'Bearer not-a-token']) {
        const answer = await app.get('/customers', auth).set('origin', CRM_ORIGIN);
        expect(answer.headers['access-control-allow-origin']).toBe(CRM_ORIGIN);
        expect(answer.headers.vary).toMatch(/origin/i);
        expect(headerList(answer.headers['access-control-expose-headers'])).toEqual(
          expect.arrayContaining([
            'x-request-id',
            'retry-after',
            'location',
            'content-disposition',
            'idempotent-replayed',
            'ratelimit-limit',
            'ratelimit-remaining',
            'ratelimit-reset',
          ]),
        );
      }
    });
  });

  describe('security headers and caching', () => {
    it('sends helmet headers and a CSP that lets JSON load nothing', async () => {
      const answer = await app.get('/customers', u.wang.auth).expect(200);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['strict-transport-security']).toBeDefined();
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('marks authenticated answers, and errors, no-store', async () => {
      const list = await app.get('/customers', u.wang.auth).expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
      const missing = await app.get('/customers/00000000-0000-4000-8000-000000000000', u.wang.auth);
      expect(missing.status).toBe(404);
      expect(missing.headers['cache-control']).toBe('no-store');
    });

    it('lets Swagger UI load its own scripts and styles', async () => {
      const page = await app.api().get('/docs').expect(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).not.toContain('upgrade-insecure-requests');
    });
  });

  describe('405 Method Not Allowed', () => {
    it('answers a wrong method on a known path with 405, Allow and problem+json', async () => {
      const answer = await app
        .api()
        .delete(`${API}/customers`)
        .set('authorization', u.wang.auth)
        .expect(405);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
      expect(headerList(answer.headers.allow)).toEqual(
        expect.arrayContaining(['get', 'head', 'post']),
      );
      expect(headerList(answer.headers.allow)).not.toContain('delete');
    });

    it('knows the methods of a path with a parameter', async () => {
      const answer = await app
        .api()
        .put(`${API}/customers/00000000-0000-4000-8000-000000000000`)
        .set('authorization', u.wang.auth)
        .expect(405);
      expect(headerList(answer.headers.allow)).toEqual(expect.arrayContaining(['get', 'patch']));
    });

    it('still answers an unknown path with 404', async () => {
      await app.api().delete(`${API}/no-such-thing`).expect(404);
    });
  });

  describe('a query Node cannot parse', () => {
    it('answers raw UTF-8 in the query with problem+json and a request id', async () => {
      const server = app.running.app.getHttpServer();
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      const answer = await rawHttp(
        port,
        `GET ${API}/customers?q=张三 HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${u.wang.auth}\r\n\r\n`,
      );
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
      expect(head).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/i);
      expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((JSON.parse(body) as { detail: string }).detail).toContain('percent-encoded');
    });
  });

  describe('RateLimit headers (draft-ietf-httpapi-ratelimit-headers-06)', () => {
    const login = (password: string, ip: string, username = u.zhao.username) =>
      app.api().post(`${API}/auth/login`).set('x-forwarded-for', ip).send({ username, password });

    const quota = (answer: Response) => ({
      limit: answer.headers['ratelimit-limit'],
      remaining: answer.headers['ratelimit-remaining'],
    });

    it('counts failed logins down, then answers 429 with Retry-After', async () => {
      const ip = '198.51.100.20';
      const first = await login('wrong', ip).expect(401);
      expect(quota(first)).toEqual({ limit: '3', remaining: '2' });
      expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
      expect(first.headers['ratelimit-policy']).toMatch(/^3;w=\d+$/);
      await login('wrong', ip).expect(401);
      const last = await login('wrong', ip).expect(401);
      expect(quota(last)).toEqual({ limit: '3', remaining: '0' });
      const refused = await login('wrong', ip).expect(429);
      expect(quota(refused)).toEqual({ limit: '3', remaining: '0' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['ratelimit-reset']).toBe(refused.headers['retry-after']);
    });

    it('puts them on a successful login too', async () => {
      const answer = await login(u.li.password, '198.51.100.21', u.li.username).expect(200);
      expect(quota(answer)).toEqual({ limit: '3', remaining: '3' });
    });

    it('puts them on the public confirmation page, which is limited per IP', async () => {
      const page = await app
        .api()
        .get(`${API}/public/confirmations/no-such-token`)
        .set('x-forwarded-for', '198.51.100.22')
        .expect(404);
      expect(page.headers['ratelimit-limit']).toBe('30');
      expect(page.headers['ratelimit-remaining']).toBe('29');
    });
  });

  describe('Location on 201', () => {
    /** Creates through `path` and checks Location names the new resource; returns the answer. */
    async function created(
      path: string,
      auth: string,
      body: object,
      expected: (b: never) => string,
    ) {
      const answer = await app.post(path, auth, body).expect(201);
      expect(answer.headers.location).toBe(`${API}${expected(answer.body as never)}`);
      return answer;
    }
    const byId = (collection: string) => (body: { id: string }) => `${collection}/${body.id}`;

    it('names the new customer, which a GET at that URL returns, and a replay names it too', async () => {
      const body = { name: '苏州某精密机械公司', phone: nextPhone() };
      const send = () =>
        app
          .post('/customers', u.wang.auth, body)
          .set('idempotency-key', 'location-replay')
          .expect(201);
      const first = await send();
      expect(first.headers.location).toBe(`${API}/customers/${first.body.id}`);
      const read = await app.api().get(first.headers.location).set('authorization', u.wang.auth);
      expect(read.body).toMatchObject({ id: first.body.id });
      const replay = await send();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers.location).toBe(first.headers.location);
    });

    it('is sent by every creating route', async () => {
      const admin = app.adminAuth;
      const customer = await created(
        '/customers',
        u.wang.auth,
        { name: '无锡客户', phone: nextPhone() },
        byId('/customers'),
      );
      const followUp = await created(
        `/customers/${customer.body.id}/follow-ups`,
        u.wang.auth,
        {
          channel: 'wechat',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          summary: '客户询问月结账期，约下周到店详谈',
          nextTouchAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
        },
        byId('/follow-ups'),
      );
      await created(
        `/follow-ups/${followUp.body.id}/confirmations`,
        u.wang.auth,
        {},
        (link: { token: string }) => `/public/confirmations/${link.token}`,
      );
      const playbook = await created(
        '/playbooks',
        admin,
        { title: '月结客户话术', kind: 'faq', content: '先确认账期再报价。' },
        byId('/playbooks'),
      );
      await created(
        '/trigger-rules',
        admin,
        {
          name: '到店增长',
          signalType: 'store_visit',
          growthPct: 50,
          windowDays: 7,
          playbookId: playbook.body.id,
        },
        byId('/trigger-rules'),
      );
      const unit = await created(
        '/org-units',
        admin,
        { name: '无锡组', type: 'team' },
        byId('/org-units'),
      );
      await created(
        '/users',
        admin,
        {
          username: 'location_rep',
          password: 'pw-location-rep-1',
          displayName: '位置测试',
          roles: ['rep'],
          orgUnitId: unit.body.id,
        },
        byId('/users'),
      );
      await created('/api-keys', admin, { name: 'ERP', roles: ['integrator'] }, byId('/api-keys'));
    });

    it('is sent by the uploads, first answer and replay alike', async () => {
      const file = pdfFile();
      const upload = () =>
        app
          .api()
          .post(`${API}/attachments`)
          .set('authorization', u.wang.auth)
          .set('idempotency-key', 'location-upload')
          .attach('file', file, 'quote.pdf')
          .expect(201);
      const first = await upload();
      expect(first.headers.location).toBe(`${API}/attachments/${first.body.id}`);
      expect((await upload()).headers.location).toBe(first.headers.location);

      const imported = await app
        .api()
        .post(`${API}/customers/imports`)
        .set('authorization', u.wang.auth)
        .attach('file', Buffer.from(`姓名,电话\n常州客户,${nextPhone()}\n`), 'customers.csv');
      expect([201, 202]).toContain(imported.status);
      expect(imported.headers.location).toBe(`${API}/customers/imports/${imported.body.id}`);
    });

    // openapi.yaml, not /docs-json: the answers' statuses come from the Swagger CLI plugin,
    // which runs in the build that generates the file (not under ts-jest); CI checks it.
    it('is declared, with @Created, on every operation of openapi.yaml that answers 201', () => {
      type Operation = { responses?: Record<string, { headers?: Record<string, unknown> }> };
      const spec = parse(readFileSync(join(__dirname, '..', 'openapi.yaml'), 'utf8')) as {
        paths: Record<string, Record<string, Operation>>;
      };
      const creating = Object.entries(spec.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, operation]) => operation.responses?.['201'])
          .map(([method, operation]) => ({
            route: `${method} ${path}`,
            location: Boolean(operation.responses!['201'].headers?.Location),
          })),
      );
      expect(creating.length).toBeGreaterThanOrEqual(10);
      expect(creating.filter((operation) => !operation.location)).toEqual([]);
    });

    it('is not sent by a POST that creates nothing', async () => {
      const answer = await app.post('/trigger-rules/evaluate', app.adminAuth).expect(200);
      expect(answer.headers.location).toBeUndefined();
    });
  });
});
