/**
 * `npm run bench -- rebates`: the rebate calculator's costs (issue 15).
 *
 * The pure tier math: evaluations per second of `rebateFigures` (what one calculation computes:
 * the capped rebate of the basis and of the year to date, and their exact difference), for a
 * progressive and a flat_tier policy of three tiers with a cap, over amounts spread across every
 * tier. Target ≥ 200,000/s. Beside it, in the same run, decimal.js's own speed on this machine:
 * multiply-adds per second (`a + b × c`), the operation the math is made of, so that the ratio
 * says how many of them an evaluation costs.
 *
 * `POST /rebates/calculate` with a `quoteId`, on a database of 100,000 customers and 1,000,000
 * orders (BENCH_REBATES_CUSTOMERS, BENCH_REBATES_ORDERS), through the built app: p50 latency of
 * sequential calls over 20 customers, each with a quote. Target p50 ≤ 10 ms. Beside it, in the
 * same loop (call for call, so both see the same noise), `GET /quotes/:id` of the same quotes:
 * a plain scoped read through the same app.
 */
import Decimal from 'decimal.js';
import { BenchApp, ok, withBenchApp, withClient } from './bench-support';
import { Exact } from '../src/modules/quotes/domain/quote-math';
import {
  CompiledPolicy,
  compilePolicy,
  rebateFigures,
} from '../src/modules/rebates/domain/tier-math';
import { BenchReport, Figure, report, round } from './harness';
import { percentile } from './steady-load';

const SECONDS = Number(process.env.BENCH_REBATES_SECONDS ?? 1);
const TARGET_PER_SECOND = 200_000;
const CUSTOMERS = Number(process.env.BENCH_REBATES_CUSTOMERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_REBATES_ORDERS ?? 1_000_000);
/** Customers the calls rotate over, each with a quote. */
const QUOTED_CUSTOMERS = 20;
const WARMUP_CALLS = 50;
const CALLS = Number(process.env.BENCH_REBATES_CALLS ?? 400);
const CALCULATE_TARGET_MS = 10;

const TIERS = [
  { threshold: '0.00', ratePct: '1.5' },
  { threshold: '2000000.00', ratePct: '2' },
  { threshold: '5000000.00', ratePct: '3' },
];
const POLICIES: Record<string, CompiledPolicy> = {
  progressive: compilePolicy({ method: 'progressive', tiers: TIERS, capAmount: '500000.00' }),
  flat_tier: compilePolicy({ method: 'flat_tier', tiers: TIERS, capAmount: '500000.00' }),
};

/** 1,024 (year to date, estimate) pairs from 0 to 10,000,000.00, in cents, fixed by a seed. */
function amountPairs(): [Decimal, Decimal][] {
  let seed = 20261206;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return new Exact(seed % 1_000_000_000).div(100);
  };
  return Array.from({ length: 1024 }, () => [next(), next()]);
}

/** Calls per second of `fn` over `SECONDS`, after a warm-up; `fn(i)` does one call. */
function perSecond(fn: (i: number) => unknown): number {
  for (let i = 0; i < 20_000; i++) fn(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 1000; i++) fn(calls + i);
    calls += 1000;
  }
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The pure math's figures: evaluations per second of each method, beside decimal.js's own speed. */
function mathFigures(): Figure[] {
  const pairs = amountPairs();
  const mask = pairs.length - 1;
  const multiplyAdds = perSecond((i) => {
    const [a, b] = pairs[i & mask];
    return a.plus(b.times(a));
  });
  return Object.entries(POLICIES).map(([method, policy]) => {
    const value = perSecond((i) => {
      const [ytd, estimated] = pairs[i & mask];
      return rebateFigures(policy, ytd, estimated);
    });
    return {
      name: `rebate evaluations (${method}, 3 tiers and a cap)`,
      value: round(value, 0),
      unit: 'evaluations/s',
      baseline: {
        name: 'decimal.js multiply-adds (a + b × c), same run',
        value: round(multiplyAdds, 0),
        unit: 'operations/s',
      },
      ratio: round(value / multiplyAdds, 3),
      target: `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')} evaluations/s`,
      pass: value >= TARGET_PER_SECOND,
    };
  });
}

/**
 * CUSTOMERS customers of the admin's (one in four b2c) and ORDERS orders spread evenly over them
 * and over the last 700 days, so about half fall in this calendar year.
 */
async function seedBook(url: string, ownerId: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO customers (name, phone, segment, owner_id, erp_code)
       SELECT '苏州精密机械客户' || n, '+86139' || lpad(n::text, 8, '0'),
         CASE WHEN n % 4 = 0 THEN 'b2c' ELSE 'b2b' END, $1, 'BENCH' || n
       FROM generate_series(1, $2) n`,
      [ownerId, CUSTOMERS],
    );
    await client.query(
      `INSERT INTO orders (customer_id, amount, ordered_at)
       SELECT c.id, 1000 + (c.n * 7919 + k * 104729) % 90000,
         now() - ((c.n * 31 + k * 67) % 700) * interval '1 day'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers) c
       CROSS JOIN generate_series(1, $1) k`,
      [Math.round(ORDERS / CUSTOMERS)],
    );
    await client.query('VACUUM ANALYZE customers, orders');
  });
}

/** The policy for b2b customers, and QUOTED_CUSTOMERS b2b customers each with a quote. */
async function seedQuotes({
  app,
  adminAuth,
  url,
}: BenchApp): Promise<{ customerId: string; quoteId: string }[]> {
  await ok(app, 'POST', '/rebate-policies', adminAuth, {
    name: '年度工业客户采购返点（超额累进）',
    basis: 'annual_purchase',
    method: 'progressive',
    tiers: TIERS.map(({ threshold, ratePct }) => ({ threshold, ratePct: Number(ratePct) })),
    capAmount: '500000.00',
    segments: ['b2b'],
  });
  const product = await ok<{ id: string; listPrice: string }>(app, 'POST', '/products', adminAuth, {
    sku: 'BRG-6205-2RS',
    name: '深沟球轴承 6205-2RS',
    unit: '个',
    listPrice: '42.00',
    cost: '30.00',
    taxRatePct: 13,
  });
  const customers = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM customers WHERE segment = 'b2b' ORDER BY phone LIMIT $1 OFFSET $2`,
      [QUOTED_CUSTOMERS, Math.floor(CUSTOMERS / 2)],
    );
    return rows.map((row) => row.id);
  });
  const quoted = [];
  for (const customerId of customers) {
    const quote = await ok<{ id: string }>(app, 'POST', '/quotes', adminAuth, {
      customerId,
      lines: [{ productId: product.id, qty: 1200, unitPrice: product.listPrice }],
    });
    quoted.push({ customerId, quoteId: quote.id });
  }
  return quoted;
}

/** Milliseconds of each call, the calculation and the quote read taking turns. */
async function measureCalls(
  { app, adminAuth }: BenchApp,
  quoted: { customerId: string; quoteId: string }[],
): Promise<{ calculate: number[]; read: number[] }> {
  const calculate: number[] = [];
  const read: number[] = [];
  const timedMs = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
    const { customerId, quoteId } = quoted[i % quoted.length];
    const calculation = await timedMs(() =>
      ok(app, 'POST', '/rebates/calculate', adminAuth, {
        customerId,
        estimatedAmount: '200000.00',
        quoteId,
      }),
    );
    const plain = await timedMs(() => ok(app, 'GET', `/quotes/${quoteId}`, adminAuth));
    if (i < WARMUP_CALLS) continue;
    calculate.push(calculation);
    read.push(plain);
  }
  return { calculate: calculate.sort((a, b) => a - b), read: read.sort((a, b) => a - b) };
}

async function calculateFigures(): Promise<{
  figures: Figure[];
  details: Record<string, unknown>;
}> {
  return withBenchApp({ LOG_LEVEL: 'warn' }, async (bench) => {
    await seedBook(bench.url, bench.adminId);
    const { calculate, read } = await measureCalls(bench, await seedQuotes(bench));
    const ms = (sorted: number[], share: number) => round(percentile(sorted, share), 2);
    const figure = (label: string, share: number, target: string, pass: boolean): Figure => ({
      name: `POST /rebates/calculate with a quoteId, ${label} (${CUSTOMERS} customers, ${ORDERS} orders)`,
      value: ms(calculate, share),
      unit: 'ms',
      baseline: {
        name: `GET /quotes/:id, ${label}, same loop`,
        value: ms(read, share),
        unit: 'ms',
      },
      ratio: round(percentile(calculate, share) / percentile(read, share), 2),
      target,
      pass,
    });
    return {
      figures: [
        figure(
          'p50',
          0.5,
          `≤ ${CALCULATE_TARGET_MS} ms`,
          percentile(calculate, 0.5) <= CALCULATE_TARGET_MS,
        ),
        figure('p95', 0.95, 'for reading: no target', true),
      ],
      details: { calls: CALLS, warmUpCalls: WARMUP_CALLS, quotedCustomers: QUOTED_CUSTOMERS },
    };
  });
}

export async function rebatesBenchmark(): Promise<BenchReport> {
  const math = mathFigures();
  const calculation = await calculateFigures();
  return report('rebates', [...math, ...calculation.figures], {
    math: `${SECONDS} s per figure after 20,000 warm-up calls, over 1,024 seeded amount pairs up to 10,000,000.00`,
    calculate: calculation.details,
  });
}
