import type { AppProcess } from '../tools/app-process';
import { BenchApp, copyRows, withBenchApp, withClient } from './bench-support';
import { benchRow } from './fixtures';
import { BenchReport, report, round, timed } from './harness';

const CUSTOMERS = 100_000;
const BATCHES = Number(process.env.BENCH_SIGNAL_BATCHES ?? 30);
const BATCH_SIZE = 10_000;
const TARGET_PER_SECOND = 20_000;
const TYPES = ['web_visit', 'web_visit', 'wechat_read', 'email_open', 'store_visit'];
const FOURTEEN_DAYS_MS = 14 * 86_400_000;

interface Signal {
  customerId?: string;
  phone?: string;
  type: string;
  count: number;
  at: string;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run sends the same batches. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The customers, every fifth owned by the admin so that an evaluation has owners to notify. */
async function seedCustomers(url: string, adminId: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const lines = function* () {
      for (let i = 0; i < CUSTOMERS; i++) {
        const row = benchRow(i);
        yield `${row.name}\t${row.phone}\t${i % 5 === 0 ? adminId : '\\N'}\n`;
      }
    };
    await copyRows(client, 'COPY customers (name, phone, owner_id) FROM STDIN', lines());
    await client.query('ANALYZE customers');
    const { rows } = await client.query<{ id: string; phone: string }>(
      'SELECT id, phone FROM customers',
    );
    const idByPhone = new Map(rows.map((row) => [row.phone, row.id]));
    return Array.from({ length: CUSTOMERS }, (_, i) => idByPhone.get(benchRow(i).phone)!);
  });
}

/**
 * The batches as an integrator sends them: half name the customer by id, half
 * by the phone as people type it (spaces, +86, 0086, full-width digits); one
 * in a hundred matches no customer. `at` spreads over the last 14 days.
 */
function buildBatches(customerIds: string[], now: number): Signal[][] {
  const next = random(20_261_128);
  return Array.from({ length: BATCHES }, () =>
    Array.from({ length: BATCH_SIZE }, (): Signal => {
      const customer = Math.floor(next() * CUSTOMERS);
      const roll = next();
      const signal = {
        type: TYPES[customer % TYPES.length],
        count: 1 + Math.floor(next() * 5),
        at: new Date(now - Math.floor(next() * FOURTEEN_DAYS_MS)).toISOString(),
      };
      if (roll < 0.01) return { ...signal, phone: `139 0000 ${String(customer).slice(-4)}` };
      if (roll < 0.5) return { ...signal, customerId: customerIds[customer] };
      return { ...signal, phone: benchRow(customer).rawPhone };
    }),
  );
}

/** Raw COPY of the matched signals into the signals table: the floor the API stands on. */
async function copyBaseline(url: string, batches: Signal[][], idByRawPhone: Map<string, string>) {
  const lines = function* () {
    for (const signal of batches.flat()) {
      const customerId = signal.customerId ?? idByRawPhone.get(signal.phone!);
      if (customerId) yield `${customerId}\t${signal.type}\t${signal.count}\t${signal.at}\n`;
    }
  };
  return withClient(url, async (client) => {
    const { seconds } = await timed(() =>
      copyRows(client, 'COPY signals (customer_id, type, count, at) FROM STDIN', lines()),
    );
    const [{ stored }] = (
      await client.query<{ stored: number }>('SELECT count(*)::int AS stored FROM signals')
    ).rows;
    await client.query('TRUNCATE signals');
    return { seconds, stored };
  });
}

class ApiClient {
  constructor(
    private readonly app: AppProcess,
    private readonly headers: Record<string, string>,
  ) {}

  async post<T>(path: string, body: string): Promise<T> {
    const response = await fetch(`${this.app.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body,
    });
    const answer = (await response.json()) as T;
    if (!response.ok)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}

/** Sends the batches one after another, as one integrator would; returns seconds and totals. */
async function ingestThroughApi(client: ApiClient, bodies: string[]) {
  const batchMs: number[] = [];
  let accepted = 0;
  let unmatched = 0;
  const { seconds } = await timed(async () => {
    for (const body of bodies) {
      const { seconds: batchSeconds, result } = await timed(() =>
        client.post<{ accepted: number; unmatched: number }>('/signals', body),
      );
      batchMs.push(batchSeconds * 1000);
      accepted += result.accepted;
      unmatched += result.unmatched;
    }
  });
  batchMs.sort((a, b) => a - b);
  return {
    seconds,
    accepted,
    unmatched,
    batchMs: { p50: round(batchMs[batchMs.length >> 1], 1), max: round(batchMs.at(-1)!, 1) },
  };
}

/** What one trigger rule's evaluation costs over the stored signals, from the app's own log line. */
async function evaluateOnce(admin: ApiClient, app: AppProcess) {
  const playbook = await admin.post<{ id: string }>(
    '/playbooks',
    JSON.stringify({
      title: '网站访问激增话术包',
      kind: 'script_pack',
      content: '先问需求，再给方案。',
    }),
  );
  await admin.post(
    '/trigger-rules',
    JSON.stringify({
      name: '网站访问 7 天增长 30%',
      signalType: 'web_visit',
      growthPct: 30,
      windowDays: 7,
      minCount: 3,
      playbookId: playbook.id,
    }),
  );
  const result = await admin.post<{ rules: number; created: number }>(
    '/trigger-rules/evaluate',
    '{}',
  );
  const logged = app.output
    .join('')
    .split('\n')
    .find((line) => line.includes('Trigger rules evaluated'));
  return { ...result, ms: logged ? (JSON.parse(logged) as { ms: number }).ms : undefined };
}

export function signalsBenchmark(): Promise<BenchReport> {
  return withBenchApp({ LOG_LEVEL: 'info' }, measure);
}

async function measure({ app, url, adminId, adminAuth }: BenchApp): Promise<BenchReport> {
  const admin = new ApiClient(app, { authorization: adminAuth });
  const apiKey = await admin.post<{ key: string }>(
    '/api-keys',
    JSON.stringify({ name: 'bench integrator', roles: ['integrator'] }),
  );
  const integrator = new ApiClient(app, { 'x-api-key': apiKey.key });

  const seeding = await timed(() => seedCustomers(url, adminId));
  const customerIds = seeding.result;
  const batches = buildBatches(customerIds, Date.now());
  // Serialised up front: the client's JSON.stringify is not the server's cost.
  const bodies = batches.map((signals) => JSON.stringify({ signals }));
  const idByRawPhone = new Map(customerIds.map((id, i) => [benchRow(i).rawPhone, id]));

  // One warm-up batch (JIT, connection pool), then an empty table for both runs.
  await integrator.post('/signals', bodies[0]);
  await withClient(url, (client) => client.query('TRUNCATE signals'));
  const copy = await copyBaseline(url, batches, idByRawPhone);
  const api = await ingestThroughApi(integrator, bodies);
  if (api.accepted !== copy.stored)
    throw new Error(`the API stored ${api.accepted} signals, the COPY ${copy.stored}`);
  const evaluation = await evaluateOnce(admin, app);

  const sent = BATCHES * BATCH_SIZE;
  const rate = sent / api.seconds;
  const copyRate = copy.stored / copy.seconds;
  return report(
    'signals',
    [
      {
        name: `signal ingestion through the API: ${BATCHES} batches of ${BATCH_SIZE}, half by id, half by messy phone`,
        value: Math.round(rate),
        unit: 'signals/s',
        baseline: {
          name: 'raw COPY of the same matched signals into signals',
          value: Math.round(copyRate),
          unit: 'signals/s',
        },
        ratio: round(rate / copyRate, 2),
        target: `>= ${TARGET_PER_SECOND} signals/s`,
        pass: rate >= TARGET_PER_SECOND,
      },
    ],
    {
      customers: CUSTOMERS,
      seedCustomersS: round(seeding.seconds, 1),
      sent,
      accepted: api.accepted,
      unmatched: api.unmatched,
      apiSeconds: round(api.seconds),
      copySeconds: round(copy.seconds),
      batchMs: api.batchMs,
      evaluation,
      bytesPerSignal: await bytesPerSignal(url),
    },
  );
}

/** Table and indexes over rows, for retention planning. */
async function bytesPerSignal(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ bytes: string }>(
      `SELECT pg_total_relation_size('signals') / count(*) AS bytes FROM signals`,
    );
    return Number(rows[0].bytes);
  });
}
