import { createTestApp, createTestDatabase, API, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

interface ImportSummary {
  id: string;
  status: 'running' | 'completed' | 'failed';
  processedRows: number;
  failureCode: string | null;
  failureReason: string | null;
}

/**
 * PostgreSQL goes away (a restart, a network fault) and comes back, with the
 * app reaching it through a proxy the test cuts. Clients and load balancers
 * must be able to tell that transient outage from a bug, and what the app
 * knows about work that failed meanwhile must be recorded once it is back.
 */
describe('a database outage', () => {
  let app: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const through = await TcpProxy.in(database.url);
    proxy = through.proxy;
    app = await createTestApp({ DATABASE_URL: through.url }, database);
  });

  afterAll(async () => {
    await proxy.restore();
    await app.close();
    await proxy.close();
  });

  async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
    for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return check();
  }

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it lasts, and serves again after', async () => {
    await app.get('/customers', app.adminAuth).expect(200);
    await proxy.cut();

    const during = await app.get('/customers', app.adminAuth);
    expect(during.status).toBe(503);
    expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const created = await app.post('/customers', app.adminAuth, {
      name: '断线客户',
      phone: '13957001234',
    });
    expect(created.status).toBe(503);
    await app.api().get(`${API}/health/ready`).expect(503);

    await proxy.restore();
    const serving = await eventually(
      async () => (await app.get('/customers', app.adminAuth)).status === 200,
      5_000,
    );
    expect(serving).toBe(true);
  });

  it('records an import that the outage broke as failed, with a reason, once the database is back', async () => {
    const lines = ['姓名,电话,城市'];
    for (let i = 0; i < 300_000; i++)
      lines.push(`客户${i},13640${String(i).padStart(6, '0')},杭州`);
    const file = Buffer.from(lines.join('\n'));
    const upload = () =>
      app
        .api()
        .post(`${API}/customers/imports`)
        .set('authorization', app.adminAuth)
        .set('idempotency-key', 'outage-import-1')
        .attach('file', file, 'customers.csv');

    const started = await upload().expect(202);
    const id = (started.body as ImportSummary).id;
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await proxy.restore();
    const back = Date.now();

    let summary = started.body as ImportSummary;
    const recorded = await eventually(async () => {
      const read = await app.get(`/customers/imports/${id}`, app.adminAuth);
      summary = read.body as ImportSummary;
      return read.status === 200 && summary.status !== 'running';
    }, 10_000);
    expect(recorded).toBe(true);
    expect(Date.now() - back).toBeLessThan(10_000);
    expect(summary).toMatchObject({ status: 'failed', failureCode: 'DATABASE_UNAVAILABLE' });
    expect(summary.failureReason).toMatch(/Send the file again/);
    const [{ n }] = await app.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM customers WHERE phone LIKE '+8613640%'",
    );
    expect(n).toBe(0);

    // The same Idempotency-Key runs the import again rather than replaying the failure.
    const retried = await upload();
    expect([201, 202]).toContain(retried.status);
    expect(retried.headers['idempotent-replayed']).toBe('false');
    expect((retried.body as ImportSummary).id).not.toBe(id);
  }, 60_000);
});
