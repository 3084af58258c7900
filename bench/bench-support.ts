import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppProcess, BUILT_ENTRY, freePort } from '../tools/app-process';
import { withClient } from '../tools/pg-client';
import { withScratchDatabase } from '../tools/scratch-database';
import {
  cpuProfileFlags,
  keepMainThreadProfile,
  ProfileWindow,
  summariseCpuProfile,
} from './cpu-profile';

export { withClient };

const ADMIN_PASSWORD = 'bench-admin-password';
const RESULTS = join(__dirname, 'results');

/** COPY, in 64 KB chunks as a well-written loader sends them (one chunk per row would slow it). */
export async function copyRows(
  client: Client,
  sql: string,
  lines: Iterable<string>,
): Promise<void> {
  const chunks = function* () {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

/** The built app, as `npm start` runs it, on a scratch database, with an admin signed in. */
export interface BenchApp {
  app: AppProcess;
  /** The scratch database, for seeding and baselines. */
  url: string;
  adminId: string;
  /** `Authorization` header value of the admin. */
  adminAuth: string;
  dataDir: string;
}

export async function withBenchApp<T>(
  env: NodeJS.ProcessEnv,
  fn: (bench: BenchApp) => Promise<T>,
  /** Node flags before the entry point, for those NODE_OPTIONS refuses (e.g. `--cpu-prof`). */
  nodeFlags: string[] = [],
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-bench-'));
  try {
    return await withScratchDatabase(async (url) => {
      const app = new AppProcess(
        await freePort(),
        { DATABASE_URL: url, DATA_DIR: join(dataDir, 'app'), ADMIN_PASSWORD, ...env },
        [...nodeFlags, ...BUILT_ENTRY],
      );
      await app.start();
      try {
        const login = await app.json<{ accessToken: string; user: { id: string } }>(
          '/api/v1/auth/login',
          { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) },
        );
        return await fn({
          app,
          url,
          adminId: login.body.user.id,
          adminAuth: `Bearer ${login.body.accessToken}`,
          dataDir,
        });
      } finally {
        await app.stop();
      }
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What a profiled measurement hands back: its details, and the window its profile covers. */
export interface ProfiledRun {
  details: Record<string, unknown>;
  window: ProfileWindow;
}

/**
 * `withBenchApp`, and with BENCH_PROFILE=1 the app runs under --cpu-prof: the summary of its
 * main thread's profile over `run.window` joins `run.details.cpuProfile`, and the profile file
 * stays in bench/results for DevTools.
 */
export async function withProfiledBenchApp<R extends ProfiledRun>(
  name: string,
  env: NodeJS.ProcessEnv,
  measure: (bench: BenchApp) => Promise<R>,
): Promise<R> {
  mkdirSync(RESULTS, { recursive: true });
  const profileDir =
    process.env.BENCH_PROFILE === '1' ? mkdtempSync(join(RESULTS, 'profile-')) : undefined;
  const run = await withBenchApp(env, measure, profileDir ? cpuProfileFlags(profileDir) : []);
  if (profileDir) {
    // Written when the app exits, i.e. once withBenchApp has stopped it.
    const file = keepMainThreadProfile(
      profileDir,
      join(RESULTS, `${name}-app-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`),
    );
    run.details.cpuProfile = {
      file,
      covers: 'the measured window (not boot or seeding); the figures carry its overhead',
      ...summariseCpuProfile(file, run.window),
    };
  }
  return run;
}

/** Now on the clock of CPU profiles (CLOCK_MONOTONIC), in microseconds. */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * Keep-alive connections for the calls below. node:http rather than fetch: fetch spends several
 * times the CPU per call, and the bench shares the machine with the app it measures.
 */
const KEEP_ALIVE = new Agent({ keepAlive: true, maxSockets: 64 });

/** A call to the API under /api/v1, as a client sends it. */
export async function call<T>(
  app: AppProcess,
  method: string,
  path: string,
  auth: string | undefined,
  body?: object,
): Promise<Answer<T>> {
  const payload = body ? Buffer.from(JSON.stringify(body)) : undefined;
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        `${app.baseUrl}/api/v1${path}`,
        {
          method,
          agent: KEEP_ALIVE,
          headers: {
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
            ...(auth ? { authorization: auth } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    },
  );
  return { status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** `call`, throwing unless the answer is a success. */
export async function ok<T>(
  app: AppProcess,
  method: string,
  path: string,
  auth: string | undefined,
  body?: object,
): Promise<T> {
  const answer = await call<T>(app, method, path, auth, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Runs `fn` over `items`, `limit` at a time; results in the items' order. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
