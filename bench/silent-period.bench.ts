import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BenchApp, copyRows, withBenchApp, withClient } from './bench-support';
import { benchRow } from './fixtures';
import { BenchReport, report, round, timed } from './harness';

const CUSTOMERS = Number(process.env.BENCH_SILENT_CUSTOMERS ?? 1_000_000);
/** A realistic book: most customers were heard from within their threshold, one in twenty was not. */
const SILENT_EVERY = 20;
const TEAMS = 20;
const REPS_PER_TEAM = 10;
const HOUR_MS = 3_600_000;

interface Run {
  scanned: number;
  created: number;
}

/** 20 teams, each a supervisor with 10 reps: the owners and their direct supervisors. */
async function seedOrg(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `WITH team AS (
       INSERT INTO org_units (name, type) SELECT '销售' || n || '组', 'team' FROM generate_series(1, $1) n
       RETURNING id
     ), supervisor AS (
       INSERT INTO users (username, password_hash, display_name, roles, org_unit_id)
       SELECT 'bench.sup.' || t.id, 'x', '主管', '{supervisor}', t.id FROM team t
       RETURNING id, org_unit_id
     )
     INSERT INTO users (username, password_hash, display_name, roles, org_unit_id, supervisor_id)
     SELECT 'bench.rep.' || s.id || '.' || n, 'x', '销售', '{rep}', s.org_unit_id, s.id
     FROM supervisor s CROSS JOIN generate_series(1, $2) n
     RETURNING id`,
    [TEAMS, REPS_PER_TEAM],
  );
  return rows.map((row) => row.id);
}

/**
 * Customer i: owned by a rep, b2c one time in four; every SILENT_EVERY-th was
 * last heard from past its segment's threshold (72 h / 168 h), the rest recently.
 */
function* customerLines(reps: string[], now: number): Generator<string> {
  for (let i = 0; i < CUSTOMERS; i++) {
    const row = benchRow(i);
    const b2c = i % 4 === 0;
    const threshold = b2c ? 168 : 72;
    const hoursAgo = i % SILENT_EVERY === 0 ? threshold + 1 + (i % 500) : 1 + (i % (threshold - 2));
    const last = new Date(now - hoursAgo * HOUR_MS).toISOString();
    const tags = `{${row.tags.split('、').join(',')}}`;
    yield `${row.name}\t${row.phone}\t${b2c ? 'b2c' : 'b2b'}\t${tags}\t${reps[i % reps.length]}\t${last}\n`;
  }
}

async function seed(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const reps = await seedOrg(client);
    await copyRows(
      client,
      'COPY customers (name, phone, segment, tags, owner_id, last_interaction_at) FROM STDIN',
      customerLines(reps, Date.now()),
    );
    await client.query('VACUUM ANALYZE customers');
  });
}

async function runScan({ app, adminAuth }: BenchApp): Promise<{ seconds: number; result: Run }> {
  return timed(async () => {
    const response = await app.json<Run>('/api/v1/jobs/silent-period/run', {
      method: 'POST',
      headers: { authorization: adminAuth },
      body: '{}',
    });
    if (response.status !== 200) throw new Error(`scan failed: ${JSON.stringify(response.body)}`);
    return response.body;
  });
}

/** Reading every owned customer once, as the scan must: the floor of a run that finds nothing new. */
function scanBaseline(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { seconds } = await timed(() =>
      client.query(
        `SELECT count(*) FROM customers
         WHERE owner_id IS NOT NULL AND coalesce(last_interaction_at, created_at) < now() - interval '72 hours'`,
      ),
    );
    return seconds;
  });
}

/** A raw COPY of the same todo rows into the same table: the floor of writing them. */
function writeBaseline(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const columns = 'type, assignee_id, customer_id, title, payload, due_at, dedupe_key';
    const exported: string[] = [];
    const out = client.query(
      copyTo(
        `COPY (SELECT ${columns.replace('dedupe_key', "dedupe_key || ':copy'")} FROM todos) TO STDOUT`,
      ),
    );
    for await (const chunk of out) exported.push(String(chunk));
    const { seconds } = await timed(() =>
      copyRows(client, `COPY todos (${columns}) FROM STDIN`, exported),
    );
    return seconds;
  });
}

export async function silentPeriodBenchmark(): Promise<BenchReport> {
  return withBenchApp({ LOG_LEVEL: 'warn' }, async (bench) => {
    await seed(bench.url);
    const first = await runScan(bench);
    const second = await runScan(bench);
    const expected = (2 * CUSTOMERS) / SILENT_EVERY;
    if (first.result.created !== expected)
      throw new Error(`first scan made ${first.result.created} todos, expected ${expected}`);
    const readFloor = await scanBaseline(bench.url);
    const writeFloor = await writeBaseline(bench.url);
    return report('silent-period', [
      {
        name: `first scan of ${CUSTOMERS} owned customers, creating ${first.result.created} todos`,
        value: round(first.seconds),
        unit: 's',
        baseline: {
          name: 'raw COPY of the same todo rows into todos',
          value: round(writeFloor),
          unit: 's',
        },
        ratio: round(first.seconds / writeFloor, 2),
        target: '<= 10 s',
        pass: first.seconds <= 10,
      },
      {
        name: 'second scan, same spells',
        value: round(second.seconds),
        unit: 's',
        baseline: {
          name: 'one sequential read of the owned customers',
          value: round(readFloor),
          unit: 's',
        },
        ratio: round(second.seconds / readFloor, 2),
        target: '<= 3 s',
        pass: second.seconds <= 3,
      },
      {
        name: 'todos created by the second scan',
        value: second.result.created,
        unit: 'todos',
        target: '0',
        pass: second.result.created === 0,
      },
    ]);
  });
}
