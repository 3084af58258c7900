import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { STAGES } from '../src/modules/customers/customer.entity';
import { AppProcess, freePort } from '../tools/app-process';
import { BenchApp, copyRows, nowUs, withClient, withProfiledBenchApp } from './bench-support';
import { ProfileWindow } from './cpu-profile';
import { benchRow } from './fixtures';
import { BenchReport, Figure, report, round } from './harness';
import { percentile, SteadyRound, steadyLoad } from './steady-load';

const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 4);
const ROUND_SECONDS = Number(process.env.BENCH_API_ROUND_SECONDS ?? 4);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 5);
const CONNECTIONS = 50;
/**
 * The list's latency is judged at a steady load, not at saturation: with 50
 * connections always waiting, latency is only 50 / throughput, which the
 * throughput figure already shows. The load is this share of what the bare
 * endpoint serves flat out in the same run, so it scales with the machine.
 */
const STEADY_SHARE_OF_BARE = 1 / 3;
const CUSTOMERS = 10_000;
const REPS = 4;
/**
 * One customer in 25 is in the public pool, which a rep's list shows too (25 and REPS are
 * coprime: the pool takes from every rep alike).
 */
const POOL_EVERY = 25;
const PAGE = 50;
const DAY_MS = 86_400_000;
/** The book's customers were created over two years. */
const BOOK_SPAN_MS = 2 * 365 * DAY_MS;
const PASSWORD = 'bench-user-password';
const BARE_ENTRY = ['-r', 'ts-node/register/transpile-only', 'bench/bare-endpoint.ts'];

/** A target under load: the app, or the bare endpoint beside it. */
interface Target {
  name: 'app' | 'bare';
  url: string;
  /** Put before each route's path: the app serves its API under /api/v1. */
  prefix: string;
  headers: Record<string, string>;
}

interface Route {
  name: 'get' | 'list';
  /** Requested in turn, across all connections. */
  paths: string[];
}

/** A route at a steady rate, in requests a second over all connections. */
interface SteadyRun {
  route: Route;
  rate: number;
}

/**
 * One round as autocannon answers with `skipAggregateResult`: the latency histogram still
 * encoded, so that the rounds can be pooled into one histogram afterwards.
 */
interface RawRound {
  latencies: string;
  totalCompletedRequests: number;
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** autocannon's own merge of raw rounds (missing from @types/autocannon). */
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(rounds: RawRound[], options: { url: string }): autocannon.Result;
};

type PerTarget<T> = Record<Target['name'], T>;
type Rounds = Record<Route['name'], PerTarget<RawRound[]>>;

interface Rep {
  id: string;
  auth: string;
}

async function post<T>(app: AppProcess, path: string, body: object, auth?: string): Promise<T> {
  const response = await app.json<T>(`/api/v1${path}`, {
    method: 'POST',
    headers: auth ? { authorization: auth } : {},
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A team, a supervisor and REPS reps, created through the API so that their password hashes
 * are real and the first rep can sign in: the app is measured as that rep, scope predicate and all.
 */
async function seedTeam({ app, adminAuth }: BenchApp): Promise<{ rep: Rep; repIds: string[] }> {
  const team = await post<{ id: string }>(
    app,
    '/org-units',
    { name: '杭州一组', type: 'team' },
    adminAuth,
  );
  const supervisor = await post<{ id: string }>(
    app,
    '/users',
    {
      username: 'bench.supervisor',
      password: PASSWORD,
      displayName: '王主管',
      roles: ['supervisor'],
      orgUnitId: team.id,
    },
    adminAuth,
  );
  const repIds: string[] = [];
  for (let i = 0; i < REPS; i++) {
    const rep = await post<{ id: string }>(
      app,
      '/users',
      {
        username: `bench.rep${i}`,
        password: PASSWORD,
        displayName: `销售${i + 1}`,
        roles: ['rep'],
        orgUnitId: team.id,
        supervisorId: supervisor.id,
      },
      adminAuth,
    );
    repIds.push(rep.id);
  }
  const login = await post<{ accessToken: string }>(app, '/auth/login', {
    username: 'bench.rep0',
    password: PASSWORD,
  });
  return { rep: { id: repIds[0], auth: `Bearer ${login.accessToken}` }, repIds };
}

/** Customer i: created over two years (oldest first), a rep's or in the pool; leads uncontacted. */
function* customerLines(repIds: string[], now: number): Generator<string> {
  for (let i = 0; i < CUSTOMERS; i++) {
    const row = benchRow(i);
    const b2c = i % 4 === 0;
    const stage = STAGES[i % STAGES.length];
    const created = now - ((CUSTOMERS - i) * BOOK_SPAN_MS) / CUSTOMERS;
    const contacted = new Date(Math.max(created, now - (i % 60) * DAY_MS)).toISOString();
    yield (
      [
        row.name,
        row.phone,
        b2c ? 'b2c' : 'b2b',
        b2c ? '\\N' : `${row.name.replace('客户', '贸易')}有限公司`,
        row.city,
        `{${row.tags.split('、').join(',')}}`,
        row.frequency,
        row.avgOrderValue,
        i % POOL_EVERY === 0 ? '\\N' : repIds[i % repIds.length],
        stage,
        stage === 'lead' ? '\\N' : contacted,
        new Date(created).toISOString(),
        contacted,
      ].join('\t') + '\n'
    );
  }
}

/** COPYs the book and returns the ids `owner` owns, in id order (random uuids: a shuffle). */
async function seedCustomers(url: string, repIds: string[], owner: string): Promise<string[]> {
  return withClient(url, async (client) => {
    await copyRows(
      client,
      `COPY customers (name, phone, segment, company, city, tags, purchase_frequency,
         avg_order_value, owner_id, stage, last_interaction_at, created_at, updated_at) FROM STDIN`,
      customerLines(repIds, Date.now()),
    );
    await client.query('VACUUM ANALYZE customers');
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM customers WHERE owner_id = $1 ORDER BY id',
      [owner],
    );
    return rows.map((row) => row.id);
  });
}

async function withBareEndpoint<T>(
  databaseUrl: string,
  ownerId: string,
  fn: (bare: AppProcess) => Promise<T>,
): Promise<T> {
  const bare = new AppProcess(
    await freePort(),
    { DATABASE_URL: databaseUrl, BARE_OWNER_ID: ownerId },
    BARE_ENTRY,
  );
  await bare.start();
  try {
    return await fn(bare);
  } finally {
    await bare.stop();
  }
}

async function getJson<T>(target: Target, path: string): Promise<T> {
  const response = await fetch(`${target.url}${target.prefix}${path}`, {
    headers: target.headers,
  });
  if (!response.ok) throw new Error(`${target.name} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Both targets answer with the same customer, and the same page in the same order. */
async function assertSameRows(app: Target, bare: Target, id: string): Promise<void> {
  const one = `/customers/${id}`;
  const page = `/customers?limit=${PAGE}`;
  type Customer = { id: string; name: string };
  const [appOne, bareOne] = await Promise.all([
    getJson<Customer>(app, one),
    getJson<Customer>(bare, one),
  ]);
  const ids = async (target: Target) =>
    (await getJson<{ items: Customer[] }>(target, page)).items.map((item) => item.id).join();
  const [appPage, barePage] = await Promise.all([ids(app), ids(bare)]);
  if (appOne.name !== bareOne.name || appPage !== barePage)
    throw new Error('the app and the bare endpoint read different rows');
}

/**
 * Each request takes the next path. Built as it is sent: a list of requests would be built for
 * every connection up front (2,400 × 50 of them), on autocannon's clock.
 */
function rotating(target: Target, paths: string[]): autocannon.Request[] {
  let next = 0;
  const setupRequest = (request: autocannon.Request) => ({
    ...request,
    path: `${target.prefix}${paths[next++ % paths.length]}`,
  });
  return [{ method: 'GET', setupRequest }];
}

/** One timed run of a route, flat out at CONNECTIONS keep-alive connections; every answer must be a 2xx. */
async function load(target: Target, route: Route, seconds: number): Promise<RawRound> {
  const result = (await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: target.headers,
    requests: rotating(target, route.paths),
    skipAggregateResult: true,
  })) as unknown as RawRound;
  if (result.non2xx || result.errors || result.timeouts)
    throw new Error(
      `${target.name} ${route.name}: ${result.non2xx} non-2xx answers ` +
        `(${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ` +
        `${result.timeouts} timeouts: a benchmark of failures measures nothing`,
    );
  return result;
}

/**
 * The app writes one JSON line per request (about 250 bytes) to stdout, a pipe this process
 * reads (AppProcess), as a deployment's log collector reads it: the app pays for its request
 * logging as in production, and reading the pipe costs this process about 4 µs a line. Keeping
 * the lines would skew the figures: they would pile up in the load generator's heap, whose
 * collections pause it, and a pause counts as latency of the app's requests. So each run's
 * lines are counted and dropped, as a collector ships and forgets them.
 */
function drainLog(app: AppProcess): { requestLines: number; bytes: number } {
  const text = app.output.splice(0).join('');
  return {
    requestLines: text.split('"msg":"request completed"').length - 1,
    bytes: Buffer.byteLength(text),
  };
}

/** One timed run of a route at the steady run's rate. */
function loadSteadily(target: Target, { route, rate }: SteadyRun, seconds: number) {
  const paths = route.paths.map((path) => `${target.prefix}${path}`);
  return steadyLoad(target, paths, { rate, seconds, connections: CONNECTIONS });
}

/** Each target on each route once, discarded: warms the JIT, the pools and PostgreSQL's caches. */
async function warmUp(targets: Target[], routes: Route[]): Promise<void> {
  for (const route of routes)
    for (const target of targets) await load(target, route, WARMUP_SECONDS);
}

/**
 * The steady run: the list at STEADY_SHARE_OF_BARE of what the bare endpoint
 * serves flat out (measured once more, as a last warm-up), then warmed up itself.
 */
async function steadyList(targets: Target[], bare: Target, list: Route): Promise<SteadyRun> {
  const flatOut = await load(bare, list, WARMUP_SECONDS);
  const rate = Math.round(
    (flatOut.totalCompletedRequests / flatOut.duration) * STEADY_SHARE_OF_BARE,
  );
  const run = { route: list, rate };
  for (const target of targets) await loadSteadily(target, run, WARMUP_SECONDS);
  return run;
}

/**
 * Runs ROUNDS interleaved rounds (app, bare, app, bare… on each route flat out,
 * then on the steady run), so that whatever else the shared machine does falls
 * on both alike.
 */
async function measureRounds(
  app: AppProcess,
  targets: Target[],
  routes: Route[],
  steady: SteadyRun,
) {
  const rounds: Rounds = { get: { app: [], bare: [] }, list: { app: [], bare: [] } };
  const steadyRounds: PerTarget<SteadyRound[]> = { app: [], bare: [] };
  const log = { requestLines: 0, bytes: 0 };
  const countLog = () => {
    const drained = drainLog(app);
    log.requestLines += drained.requestLines;
    log.bytes += drained.bytes;
  };
  const window: ProfileWindow = { fromUs: nowUs(), toUs: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    for (const route of routes) {
      for (const target of targets) {
        rounds[route.name][target.name].push(await load(target, route, ROUND_SECONDS));
        countLog();
      }
    }
    for (const target of targets) {
      steadyRounds[target.name].push(await loadSteadily(target, steady, ROUND_SECONDS));
      countLog();
    }
  }
  window.toUs = nowUs();
  return { rounds, steadyRounds, log, window };
}

/**
 * Requests summed over the rounds; latency from one histogram pooling every round's
 * responses (autocannon's merge), with each round's own p99 beside it.
 */
function merge(rounds: RawRound[], url: string) {
  const roundP99s = rounds.map((one) => aggregateResult([one], { url }).latency.p99);
  const { latency } = aggregateResult(rounds, { url });
  const requests = rounds.reduce((sum, one) => sum + one.totalCompletedRequests, 0);
  const seconds = rounds.reduce((sum, one) => sum + one.duration, 0);
  return {
    reqPerSec: Math.round(requests / seconds),
    requests,
    seconds: round(seconds, 2),
    latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
    roundReqPerSec: rounds.map((one) => Math.round(one.totalCompletedRequests / one.duration)),
    roundP99Ms: roundP99s,
  };
}

/** The steady rounds' latencies, pooled, with each round's own p99 beside them. */
function mergeSteady(rounds: SteadyRound[], rate: number) {
  const ms = (value: number) => round(value, 1);
  const p99Of = (latencies: number[]) =>
    percentile(
      [...latencies].sort((a, b) => a - b),
      0.99,
    );
  const all = rounds.flatMap((one) => one.latenciesMs).sort((a, b) => a - b);
  return {
    rate,
    requests: all.length,
    latencyMs: {
      p50: ms(percentile(all, 0.5)),
      p90: ms(percentile(all, 0.9)),
      p99: ms(percentile(all, 0.99)),
      max: ms(all[all.length - 1]),
    },
    roundP99Ms: rounds.map((one) => ms(p99Of(one.latenciesMs))),
  };
}

type Merged = ReturnType<typeof merge>;
type MergedSteady = ReturnType<typeof mergeSteady>;

function figures(get: PerTarget<Merged>, steady: PerTarget<MergedSteady>) {
  const ratio = get.app.reqPerSec / get.bare.reqPerSec;
  const p99 = steady.app.latencyMs.p99;
  const rate = steady.app.rate;
  return [
    {
      name: `GET /customers/:id as a rep, ${CONNECTIONS} keep-alive connections`,
      value: get.app.reqPerSec,
      unit: 'req/s',
      baseline: {
        name: 'bare node:http + pg endpoint, same rows, same database',
        value: get.bare.reqPerSec,
        unit: 'req/s',
      },
      ratio: round(ratio, 2),
      target: 'ratio >= 0.5',
      pass: ratio >= 0.5,
    },
    {
      name:
        `GET /customers?limit=${PAGE} as a rep, p99 latency at a steady ${rate} req/s ` +
        `(a third of what the bare endpoint serves flat out) over ${CONNECTIONS} connections`,
      value: p99,
      unit: 'ms',
      baseline: {
        name: 'bare endpoint, same page, same rate',
        value: steady.bare.latencyMs.p99,
        unit: 'ms',
      },
      ratio: round(p99 / steady.bare.latencyMs.p99, 2),
      target: '<= 25 ms',
      pass: p99 <= 25,
    },
  ] satisfies Figure[];
}

async function measure(bench: BenchApp) {
  const loadBefore = loadavg();
  const { rep, repIds } = await seedTeam(bench);
  const ids = await seedCustomers(bench.url, repIds, rep.id);
  return withBareEndpoint(bench.url, rep.id, async (bareProcess) => {
    const app: Target = {
      name: 'app',
      url: bench.app.baseUrl,
      prefix: '/api/v1',
      headers: { authorization: rep.auth },
    };
    const bare: Target = { name: 'bare', url: bareProcess.baseUrl, prefix: '', headers: {} };
    await assertSameRows(app, bare, ids[0]);
    const routes: Route[] = [
      { name: 'get', paths: ids.map((id) => `/customers/${id}`) },
      { name: 'list', paths: [`/customers?limit=${PAGE}`] },
    ];
    await warmUp([app, bare], routes);
    const steady = await steadyList([app, bare], bare, routes[1]);
    drainLog(bench.app);
    const measured = await measureRounds(bench.app, [app, bare], routes, steady);
    const { rounds, steadyRounds, log, window } = measured;
    const get = { app: merge(rounds.get.app, app.url), bare: merge(rounds.get.bare, bare.url) };
    const list = { app: merge(rounds.list.app, app.url), bare: merge(rounds.list.bare, bare.url) };
    const steadyLatency = {
      app: mergeSteady(steadyRounds.app, steady.rate),
      bare: mergeSteady(steadyRounds.bare, steady.rate),
    };
    const appRequests = get.app.requests + list.app.requests + steadyLatency.app.requests;
    const details: Record<string, unknown> = {
      method:
        `${ROUNDS} rounds of ${ROUND_SECONDS} s per target and run, interleaved app/bare, ` +
        `after ${WARMUP_SECONDS} s of warm-up each; ${CONNECTIONS} keep-alive connections, flat ` +
        `out (get, list; latency from one histogram pooling all rounds) or with requests due ` +
        `every 1/${steady.rate} s (steadyList; latency from when each was due)`,
      customers: CUSTOMERS,
      repCustomers: ids.length,
      poolCustomers: Math.ceil(CUSTOMERS / POOL_EVERY),
      get,
      list,
      steadyList: steadyLatency,
      appLog: {
        requestLines: log.requestLines,
        linesPerRequest: round(log.requestLines / appRequests, 3),
        bytesPerLine: Math.round(log.bytes / log.requestLines),
      },
      loadAverage: {
        before: loadBefore.map((x) => round(x, 2)),
        after: loadavg().map((x) => round(x, 2)),
      },
    };
    return { figures: figures(get, steadyLatency), details, window };
  });
}

/** With BENCH_PROFILE=1 the app runs under --cpu-prof; its profile of the rounds is summarised. */
export async function apiBenchmark(): Promise<BenchReport> {
  const run = await withProfiledBenchApp('api', { LOG_LEVEL: 'info' }, measure);
  return report('api', run.figures, run.details);
}
