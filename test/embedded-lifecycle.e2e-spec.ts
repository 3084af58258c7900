import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort } from '../tools/app-process';

/**
 * `npm start` with no DATABASE_URL: the app starts its own PostgreSQL in
 * DATA_DIR, keeps data and secrets there across restarts, stops it on
 * SIGTERM/SIGINT, and two data dirs run side by side.
 */
describe('embedded PostgreSQL lifecycle', () => {
  const dirs = [
    mkdtempSync(join(tmpdir(), 'sales-life-a-')),
    mkdtempSync(join(tmpdir(), 'sales-life-b-')),
  ];
  const running: AppProcess[] = [];

  const launch = async (dataDir: string, env: NodeJS.ProcessEnv = {}) => {
    const app = new AppProcess(await freePort(), { DATA_DIR: dataDir, ...env });
    running.push(app);
    await app.start();
    return app;
  };

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop()));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  const login = (app: AppProcess, username: string, password: string) =>
    app.json<{ accessToken: string }>('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });

  let token = '';
  let adminPassword = '';

  it('boots on an empty data dir, printing a generated admin password once', async () => {
    const app = await launch(dirs[0], { DEMO_DATA: '1' });
    const printed = /generated password: (\S+)/.exec(app.output.join(''));
    expect(printed).not.toBeNull();
    adminPassword = printed![1];
    const response = await login(app, 'admin', adminPassword);
    expect(response.status).toBe(200);
    token = response.body.accessToken;
    const created = await app.json('/api/v1/org-units', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '重启后仍在的门店', type: 'store' }),
    });
    expect(created.status).toBe(201);
    expect(readFileSync(join(dirs[0], 'jwt-secret'), 'utf8').length).toBeGreaterThanOrEqual(32);
  });

  it('stops its PostgreSQL cleanly on SIGTERM', async () => {
    const code = await running[0].stop('SIGTERM');
    expect(code).toBe(0);
    // The app closes its pool before the server stops, so no connection is cut.
    expect(running[0].output.join('')).not.toMatch(/terminating connection/);
    expect(existsSync(join(dirs[0], 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('keeps data, the JWT secret and the demo data across a restart, seeding idempotently', async () => {
    const app = await launch(dirs[0], { DEMO_DATA: '1' });
    expect(app.output.join('')).not.toMatch(/generated password/);
    const units = await app.json<{ items: { name: string }[] }>('/api/v1/org-units?limit=500', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(units.status).toBe(200);
    const names = units.body.items.map((unit) => unit.name);
    expect(names).toContain('重启后仍在的门店');
    expect(names.filter((name) => name === '华东大区')).toHaveLength(1);
    const demoRep = await login(app, 'wang.rep', 'demo-password-2026');
    expect(demoRep.status).toBe(200);
    const repTodos = await app.json<{ items: { type: string; payload: { tags: string[] } }[] }>(
      '/api/v1/todos?type=silent_period',
      { headers: { authorization: `Bearer ${demoRep.body.accessToken}` } },
    );
    expect(repTodos.body.items.length).toBeGreaterThan(0);
    expect(repTodos.body.items[0].payload.tags.length).toBeGreaterThan(0);
    const customers = await app.json<{ items: { ownerId: string | null }[] }>(
      '/api/v1/customers?limit=500',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(customers.body.items).toHaveLength(300);
    expect(
      customers.body.items.filter((customer) => customer.ownerId === null).length,
    ).toBeGreaterThan(50);
  });

  it('runs a second instance on another data dir side by side', async () => {
    const second = await launch(dirs[1], { ADMIN_PASSWORD: 'second-instance-pw' });
    expect((await login(second, 'admin', 'second-instance-pw')).status).toBe(200);
    expect((await login(running[1], 'admin', adminPassword)).status).toBe(200);
    expect((await login(second, 'admin', adminPassword)).status).toBe(401);
  });

  it('stops on SIGINT as well', async () => {
    expect(await running[2].stop('SIGINT')).toBe(0);
    expect(existsSync(join(dirs[1], 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('refuses to start with an invalid environment, naming the variable', async () => {
    const app = new AppProcess(await freePort(), { DATA_DIR: dirs[1], JWT_SECRET: 'short' });
    await expect(app.start(30_000)).rejects.toThrow(/JWT_SECRET/);
  });
});
