/**
 * `npm run bench -- metrics`: the metric endpoints and the weekly jobs at scale (issue 16).
 *
 * On the book of bench/metrics-data.ts (200,000 customers, 1,000,000 inquiries, 5,000,000
 * follow-ups, 500,000 quotes, 1,000,000 orders, generated set-based), through the built app:
 * - every metric endpoint over the last 90 days (days in the organisation's zone), as a sales
 *   director (the whole org) and as a supervisor (one team of 10 reps, scoped): p50 and p90 of
 *   CALLS sequential calls after WARMUP calls. Target p50 ≤ 500 ms.
 * - the jobs, `POST /jobs/funnel-anomaly/run` and `POST /alert-rules/evaluate` (a few rules of
 *   each metric created first) for the last complete week: the median of JOB_RUNS runs.
 *   Target ≤ 5 s.
 * Beside each, in the same loop (call for call, so both see the same noise of a shared
 * machine), `GET /quotes/:id` of a quote in the caller's scope: a plain scoped read through the
 * same app and database. A route this branch does not have yet (404 on its first call) is left
 * out and named in `details.missingRoutes`.
 */
import { request as httpRequest } from 'node:http';
import { lastCompleteWeek } from '../src/modules/metrics/domain/iso-week';
import { UNIT_TYPES_OF } from '../src/modules/metrics/domain/unit-metrics';
import { BenchApp, call, ok, withBenchApp, withClient } from './bench-support';
import { BenchReport, Figure, report, round, timed } from './harness';
import {
  CUSTOMERS,
  FOLLOW_UPS,
  INQUIRIES_PER_CUSTOMER,
  ORDERS_PER_CUSTOMER,
  QUOTES,
  seedBook,
  seedOrgUnits,
} from './metrics-data';
import { percentile } from './steady-load';

const WARMUP = 2;
const CALLS = Number(process.env.BENCH_METRICS_CALLS ?? 20);
const JOB_RUNS = Number(process.env.BENCH_METRICS_JOB_RUNS ?? 3);
/** A route whose first warm-up call takes longer than this is called SLOW_CALLS times only. */
const SLOW_MS = 5000;
const SLOW_CALLS = 3;
/** BENCH_METRICS_ONLY=alert-rules measures only the routes whose path contains it. */
const ONLY = process.env.BENCH_METRICS_ONLY;
const wanted = (path: string) => !ONLY || path.includes(ONLY);
const ENDPOINT_TARGET_MS = 500;
const JOB_TARGET_MS = 5000;
const RANGE_DAYS = 90;
const TIME_ZONE = 'Asia/Shanghai';
const PASSWORD = 'bench-metrics-password';

interface Caller {
  role: string;
  auth: string;
  /** A quote in the caller's scope, for the baseline read. */
  quoteId: string;
}

/** One timed call: the whole answer read, its status, milliseconds. Not parsed (SVG too). */
function timedGet(
  bench: BenchApp,
  method: string,
  path: string,
  auth: string,
): Promise<{ status: number; ms: number; body: string }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${bench.app.baseUrl}/api/v1${path}`,
      { method, headers: { authorization: auth } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: Number(process.hrtime.bigint() - start) / 1e6,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function signIn(bench: BenchApp, username: string): Promise<string> {
  const login = await ok<{ accessToken: string }>(bench.app, 'POST', '/auth/login', undefined, {
    username,
    password: PASSWORD,
  });
  return `Bearer ${login.accessToken}`;
}

/** The ids of the two signed-in users, when a previous run (same DATABASE_URL) made them. */
async function seededBefore(url: string): Promise<{ director: string; supervisor: string } | null> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ username: string; id: string }>(
      `SELECT username, id FROM users WHERE username IN ('bench.director', 'bench.supervisor')`,
    );
    const id = (username: string) => rows.find((row) => row.username === username)?.id;
    const [director, supervisor] = [id('bench.director'), id('bench.supervisor')];
    return director && supervisor ? { director, supervisor } : null;
  });
}

/**
 * The org, the director and supervisor through the API, then the generated book. With
 * DATABASE_URL pointing at a database a previous run generated, its book is measured again
 * (generation seconds null).
 */
async function seed(bench: BenchApp) {
  const before = await seededBefore(bench.url);
  let generated: { seconds: number | null; steps: Record<string, number> | null };
  let supervisor: { id: string };
  let director: { id: string };
  if (before) {
    director = { id: before.director };
    supervisor = { id: before.supervisor };
    generated = { seconds: null, steps: null };
  } else {
    const { seconds: orgSeconds, result: org } = await timed(() => seedOrgUnits(bench.url));
    director = await ok<{ id: string }>(bench.app, 'POST', '/users', bench.adminAuth, {
      username: 'bench.director',
      password: PASSWORD,
      displayName: '销售总监周敏',
      roles: ['sales_director'],
      orgUnitId: org.firstTeamId,
    });
    supervisor = await ok<{ id: string }>(bench.app, 'POST', '/users', bench.adminAuth, {
      username: 'bench.supervisor',
      password: PASSWORD,
      displayName: '主管李强',
      roles: ['supervisor'],
      orgUnitId: org.firstTeamId,
    });
    const { seconds, result: steps } = await timed(() => seedBook(bench.url, supervisor.id));
    generated = { seconds: round(orgSeconds + seconds, 1), steps };
  }
  const scoped = await withClient(bench.url, async (client) => {
    const { rows } = await client.query<{ quoteId: string; repId: string }>(
      `SELECT q.id AS "quoteId", u.id AS "repId" FROM quotes q JOIN users u ON u.id = q.owner_id
       WHERE u.supervisor_id = $1 ORDER BY q.number LIMIT 1`,
      [supervisor.id],
    );
    const counts = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM customers)::int AS customers,
         (SELECT count(*) FROM inquiries)::int AS inquiries,
         (SELECT count(*) FROM follow_ups)::int AS "followUps",
         (SELECT count(*) FROM follow_up_obligations)::int AS obligations,
         (SELECT count(*) FROM follow_up_obligations WHERE fulfilled_at IS NOT NULL)::int
           AS "obligationsFulfilled",
         (SELECT count(*) FROM quotes)::int AS quotes,
         (SELECT count(*) FROM contracts)::int AS contracts,
         (SELECT count(*) FROM quotes WHERE status = 'lost')::int AS "quotesLost",
         (SELECT count(*) FROM orders)::int AS orders,
         (SELECT count(*) FROM orders WHERE store_id IS NOT NULL)::int AS "storeOrders",
         (SELECT count(*) FROM users WHERE 'rep' = ANY (roles))::int AS reps,
         (SELECT pg_size_pretty(pg_database_size(current_database()))) AS "databaseSize"`,
    );
    return { ...rows[0], counts: counts.rows[0] };
  });
  return {
    directorId: director.id,
    supervisorId: supervisor.id,
    repId: scoped.repId,
    supervisorQuoteId: scoped.quoteId,
    generation: { ...generated, rows: scoped.counts },
  };
}

interface Sample {
  metric: number[];
  baseline: number[];
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * WARMUP + `calls` calls of `path` (SLOW_CALLS when the first takes over SLOW_MS, so that a
 * route far off its target does not hold the run for an hour), each followed by the baseline
 * read; null when the route is not on this branch (404 on the first call). Throws on any other
 * failure.
 */
async function sample(
  bench: BenchApp,
  caller: Caller,
  method: string,
  path: string,
  calls: number,
): Promise<Sample | null> {
  const metric: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < WARMUP + calls; i++) {
    const answer = await timedGet(bench, method, path, caller.auth);
    if (answer.status === 404 && i === 0) return null;
    if (answer.status >= 300)
      throw new Error(`${method} ${path} as ${caller.role}: ${answer.status} ${answer.body}`);
    if (i === 0 && answer.ms > SLOW_MS) calls = Math.min(calls, SLOW_CALLS);
    const plain = await timedGet(bench, 'GET', `/quotes/${caller.quoteId}`, caller.auth);
    if (plain.status !== 200) throw new Error(`baseline answered ${plain.status}`);
    if (i < WARMUP) continue;
    metric.push(answer.ms);
    baseline.push(plain.ms);
  }
  return { metric: sorted(metric), baseline: sorted(baseline) };
}

function figures(
  label: string,
  { metric, baseline }: Sample,
  targetMs: number,
  runs: string,
): Figure[] {
  const at = (values: number[], share: number) => percentile(values, share);
  const one = (name: string, share: number, judged: boolean): Figure => ({
    name: `${label}, ${name}`,
    value: round(at(metric, share), 1),
    unit: 'ms',
    baseline: {
      name: `GET /quotes/:id, ${name}, same loop`,
      value: round(at(baseline, share), 1),
      unit: 'ms',
    },
    ratio: round(at(metric, share) / at(baseline, share), 1),
    target: judged ? `≤ ${targetMs} ms` : 'for reading: no target',
    pass: judged ? at(metric, share) <= targetMs : true,
  });
  return [one(`p50 of ${runs}`, 0.5, true), one(`p90 of ${runs}`, 0.9, false)];
}

export async function metricsBenchmark(): Promise<BenchReport> {
  return withBenchApp({ LOG_LEVEL: 'warn' }, async (bench) => {
    const seeded = await seed(bench);
    const adminQuote = await withClient(bench.url, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM quotes ORDER BY number DESC LIMIT 1',
      );
      return rows[0].id;
    });
    const callers: Caller[] = [
      {
        role: 'sales_director',
        auth: await signIn(bench, 'bench.director'),
        quoteId: adminQuote,
      },
      {
        role: 'supervisor',
        auth: await signIn(bench, 'bench.supervisor'),
        quoteId: seeded.supervisorQuoteId,
      },
    ];
    const now = new Date();
    const to = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
    const from = new Date(Date.parse(to) - RANGE_DAYS * 86_400_000).toISOString().slice(0, 10);
    const week = lastCompleteWeek(now, TIME_ZONE).week;
    const range = `from=${from}&to=${to}`;
    const endpoints: { path: string; directorOnly?: boolean }[] = [
      { path: `/metrics/first-response?${range}&groupBy=rep` },
      { path: `/metrics/first-response?${range}&groupBy=team` },
      { path: `/metrics/compliance?${range}&groupBy=rep` },
      { path: `/metrics/compliance?${range}&groupBy=team` },
      { path: `/metrics/funnel?${range}&bucket=week` },
      { path: `/metrics/anomaly-precision?${range}`, directorOnly: true },
      { path: `/metrics/performance-heatmap?${range}&groupBy=team` },
      { path: `/metrics/performance-heatmap?${range}&groupBy=store&format=svg` },
      { path: `/metrics/performance-heatmap/drilldown?${range}&userId=${seeded.repId}` },
      { path: `/metrics/repurchase?week=${week}&groupBy=store` },
    ];
    const results: Figure[] = [];
    const missingRoutes: string[] = [];
    for (const endpoint of endpoints.filter((e) => wanted(e.path))) {
      for (const caller of callers) {
        if (endpoint.directorOnly && caller.role !== 'sales_director') continue;
        const measured = await sample(bench, caller, 'GET', endpoint.path, CALLS);
        const label = `GET ${endpoint.path.replace(from, '{90 days ago}').replace(to, '{today}').replace(seeded.repId, '{rep}').replace(week, '{last week}')} as ${caller.role}`;
        if (!measured) {
          missingRoutes.push(endpoint.path.split('?')[0]);
          break;
        }
        results.push(
          ...figures(label, measured, ENDPOINT_TARGET_MS, `${measured.metric.length} calls`),
        );
      }
    }
    const director = callers[0];
    const alertRules = await createAlertRules(bench, director);
    const jobs = [
      `/jobs/funnel-anomaly/run?week=${week}`,
      ...(alertRules === null ? [] : [`/alert-rules/evaluate?week=${week}`]),
    ];
    if (alertRules === null) missingRoutes.push('/alert-rules');
    for (const path of jobs.filter(wanted)) {
      const measured = await sample(bench, director, 'POST', path, JOB_RUNS);
      if (!measured) {
        missingRoutes.push(path.split('?')[0]);
        continue;
      }
      const [p50] = figures(
        `POST ${path.replace(week, '{last week}')} as sales_director`,
        measured,
        JOB_TARGET_MS,
        `${measured.metric.length} runs`,
      );
      results.push({ ...p50, name: p50.name.replace('p50', 'median') });
    }
    return report('metrics', results, {
      range: { from, to, days: RANGE_DAYS, week, timeZone: TIME_ZONE },
      calls: CALLS,
      warmUpCalls: WARMUP,
      jobRuns: JOB_RUNS,
      callers: 'sales_director sees the whole org; supervisor sees one team of 10 reps',
      generation: seeded.generation,
      alertRules,
      missingRoutes,
      planned: {
        customers: CUSTOMERS,
        inquiries: CUSTOMERS * INQUIRIES_PER_CUSTOMER,
        followUps: FOLLOW_UPS,
        quotes: QUOTES,
        orders: CUSTOMERS * ORDERS_PER_CUSTOMER,
      },
    });
  });
}

/**
 * A few alert rules of each metric, through the API, before the evaluation is timed; null when
 * this branch has no alert rules yet.
 */
async function createAlertRules(bench: BenchApp, caller: Caller): Promise<number | null> {
  const probe = await call(bench.app, 'GET', '/alert-rules', caller.auth);
  if (probe.status === 404) return null;
  const rules = ALERT_RULES();
  for (const rule of rules) await ok(bench.app, 'POST', '/alert-rules', caller.auth, rule);
  return rules.length;
}

/**
 * Two rules of each metric (API.md §8): one per unit type it is measured by (UNIT_TYPES_OF), and
 * for the repurchase rate (stores only) a second threshold.
 */
const ALERT_RULES = (): object[] =>
  (
    [
      ['repurchase_rate', '复购率偏低', [30, 50]],
      ['first_response_within_target_pct', '询价响应达标率偏低', [80]],
      ['compliance_rate', '跟进履约率偏低', [90]],
    ] as const
  ).flatMap(([metric, name, thresholds]) =>
    UNIT_TYPES_OF[metric].flatMap((scope) =>
      thresholds.map((threshold) => ({
        name: `${name}（${scope === 'store' ? '门店' : '小组'}，低于 ${threshold}%）`,
        metric,
        scope,
        comparator: 'lt',
        threshold,
        notifyRoles: scope === 'store' ? ['store_manager'] : ['supervisor'],
        ccRoles: ['sales_director'],
      })),
    ),
  );
