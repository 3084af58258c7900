import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type { Response, Test } from 'supertest';
import { createApp, RunningApp } from '../../src/bootstrap';
import { withClient } from '../../tools/pg-client';

export { withClient };

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const API = '/api/v1';

function serverUrl(): string {
  const url = process.env.E2E_SERVER_URL;
  if (!url) throw new Error('E2E_SERVER_URL is unset: run e2e tests through jest (globalSetup)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestApp {
  running: RunningApp;
  databaseUrl: string;
  /** A supertest agent on the app, e.g. `api().get('/api/v1/users/me')`. */
  api(): ReturnType<typeof request>;
  /** `GET /api/v1<path>` as the caller whose `Authorization` header value is `auth`. */
  get(path: string, auth: string): Test;
  /** `POST /api/v1<path>` with a JSON body, as `auth`. */
  post(path: string, auth: string, body?: object): Test;
  /** `PATCH /api/v1<path>` with a JSON body, as `auth`, with `If-Match` when a version is given. */
  patch(path: string, auth: string, body: object, version?: number): Test;
  /** `PUT /api/v1<path>` with a JSON body, as `auth`. */
  put(path: string, auth: string, body: object): Test;
  /** `DELETE /api/v1<path>` as `auth`. */
  delete(path: string, auth: string): Test;
  /** Logs in and returns the `Authorization` header value. */
  login(username: string, password: string): Promise<string>;
  adminAuth: string;
  /** Runs SQL against this test's database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the e2e server, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(name),
    // Not WITH (FORCE): the app's connections are closed by then, and FORCE
    // needs more than CREATEDB to end an autovacuum worker on the database,
    // which a plain DROP asks to stop and waits for.
    drop: async () => {
      await withClient(serverUrl(), (client) => client.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

/**
 * Boots the real app on a fresh database of its own (or on `database`, e.g.
 * reached through a proxy set in env.DATABASE_URL); close() drops it.
 */
export async function createTestApp(
  env: NodeJS.ProcessEnv = {},
  database?: TestDatabase,
): Promise<TestApp> {
  const own = database ?? (await createTestDatabase());
  const url = own.url;
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-e2e-app-'));
  const running = await createApp({
    env: {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    overrides: { schedulerEnabled: false },
    quiet: true,
  });
  const server = running.app.getHttpServer();
  const api = () => request(server);
  const login = async (username: string, password: string) => {
    const response: Response = await api()
      .post(`${API}/auth/login`)
      .send({ username, password })
      .expect(200);
    return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
  };
  const patch = (path: string, auth: string, body: object, version?: number) => {
    const test = api().patch(`${API}${path}`).set('authorization', auth);
    return (version === undefined ? test : test.set('if-match', String(version))).send(body);
  };
  return {
    running,
    databaseUrl: url,
    api,
    get: (path, auth) => api().get(`${API}${path}`).set('authorization', auth),
    post: (path, auth, body = {}) =>
      api().post(`${API}${path}`).set('authorization', auth).send(body),
    patch,
    put: (path, auth, body) => api().put(`${API}${path}`).set('authorization', auth).send(body),
    delete: (path, auth) => api().delete(`${API}${path}`).set('authorization', auth),
    login,
    adminAuth: await login('admin', ADMIN_PASSWORD),
    sql: <T>(text: string, params: unknown[] = []) =>
      running.app.get(DataSource).query<T[]>(text, params),
    close: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
      await own.drop();
    },
  };
}
