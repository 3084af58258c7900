import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, freePort } from '../tools/app-process';

/** A zombie counts as gone: it has exited, and waits only for its new parent to collect it. */
const isRunning = (pid: number) => {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', `${pid}`], { encoding: 'utf8' });
    return !state.startsWith('Z');
  } catch {
    return false;
  }
};

const serverPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** A server a failed test left behind gets the fast shutdown the app would have sent. */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  if (!existsSync(join(dataDir, 'postgres', 'postmaster.pid'))) return;
  const pid = serverPid(dataDir);
  if (!isRunning(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isRunning(pid) && waited < 30_000; waited += 100) await sleep(100);
}

/**
 * `npm start` with no DATABASE_URL: the app starts its own PostgreSQL in
 * DATA_DIR, keeps data and secrets there across restarts, stops it on
 * SIGTERM/SIGINT, and two data dirs run side by side. After a kill -9 the next
 * start stops the server the dead app left running; as root, a DATA_DIR the
 * postgres user cannot reach gets its cluster under /var/lib/sales-api.
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
    for (const dir of dirs) {
      await stopLeftoverServer(dir);
      rmSync(dir, { recursive: true, force: true });
    }
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

  const orgUnitNames = async (app: AppProcess) => {
    const units = await app.json<{ items: { name: string }[] }>('/api/v1/org-units?limit=500', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(units.status).toBe(200);
    return units.body.items.map((unit) => unit.name);
  };

  it('refuses a second app on a DATA_DIR whose app is running, naming it', async () => {
    const second = new AppProcess(await freePort(), { DATA_DIR: dirs[0] });
    await expect(second.start(30_000)).rejects.toThrow(
      new RegExp(
        `PostgreSQL \\(pid ${serverPid(dirs[0])}\\) is already running .* for process ${running[1].pid}`,
      ),
    );
    expect((await login(running[1], 'admin', adminPassword)).status).toBe(200);
  });

  it('after a kill -9, stops the server the dead app left running and starts again, data intact', async () => {
    const created = await running[1].json('/api/v1/org-units', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'kill -9 之前的门店', type: 'store' }),
    });
    expect(created.status).toBe(201);
    const orphan = serverPid(dirs[0]);
    expect(await running[1].stop('SIGKILL')).toBeNull();
    // No exit hook runs on SIGKILL: the server outlives its app.
    expect(isRunning(orphan)).toBe(true);

    const app = await launch(dirs[0]);
    expect(app.output.join('')).toMatch(
      new RegExp(
        `Stopped PostgreSQL \\(pid ${orphan}\\).*its app \\(pid ${running[1].pid}\\) died`,
      ),
    );
    expect(isRunning(orphan)).toBe(false);
    expect(serverPid(dirs[0])).not.toBe(orphan);
    expect(await orgUnitNames(app)).toEqual(
      expect.arrayContaining(['重启后仍在的门店', 'kill -9 之前的门店']),
    );
    expect(await app.stop('SIGTERM')).toBe(0);
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'as root, keeps the cluster where the postgres user can reach it when DATA_DIR is private',
    async () => {
      const privateDir = mkdtempSync(join(tmpdir(), 'sales-life-private-'));
      dirs.push(privateDir);
      const dataDir = join(privateDir, 'data');
      const app = await launch(dataDir, { ADMIN_PASSWORD: 'private-dir-pw' });
      const link = join(dataDir, 'postgres');
      const cluster = realpathSync(link);
      // afterAll removes DATA_DIR; the relocated cluster goes with this test.
      try {
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
        expect(cluster).toMatch(/^\/var\/lib\/sales-api\/clusters\//);
        expect(app.output.join('')).toContain(`"postgres" cannot enter ${privateDir}`);
        expect((await login(app, 'admin', 'private-dir-pw')).status).toBe(200);
        expect(await app.stop('SIGTERM')).toBe(0);
      } finally {
        await stopLeftoverServer(dataDir);
        rmSync(dirname(cluster), { recursive: true, force: true });
      }
    },
  );

  it('refuses to start with an invalid environment, naming the variable', async () => {
    const app = new AppProcess(await freePort(), { DATA_DIR: dirs[1], JWT_SECRET: 'short' });
    await expect(app.start(30_000)).rejects.toThrow(/JWT_SECRET/);
  });
});
