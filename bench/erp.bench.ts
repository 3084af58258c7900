/**
 * `npm run bench -- erp`: contracts signed and dispatched to the ERP (issue 14: at least 200
 * contracts/s with no faults), beside the ERP simulator's own ceiling, measured in the same run.
 *
 * 1. Ceiling: the K3 Cloud adapter saving orders straight into the simulator from this process,
 *    as many in flight as the app's workers hold (workers × batch), no app and no database.
 * 2. The app (built, as `npm start` runs it, with its default 4 workers): approved quotes are
 *    signed through `POST /quotes/:id/contract`, 16 at a time, while the workers push the
 *    contracts to the simulator. The clock runs from the first signing to the last job synced.
 *    Three rounds of 1,000 (BENCH_ERP_ROUNDS, BENCH_ERP_CONTRACTS); the figure is the median round,
 *    since on a shared machine one round can fall on someone else's busy second. The quotes are
 *    spread over 50 customers (BENCH_ERP_CUSTOMERS), as a sales team's signings are.
 * 3. One more round, reported in the details: 1,000 contracts of a single customer. Its
 *    signings wait for each other from the order's insert to the commit, since the roll-ups fed
 *    by orders lock the customer (docs/erp-sync.md, Throughput).
 */
import { loadavg } from 'node:os';
import { K3CloudAdapter } from '../src/modules/erp-sync/adapters';
import {
  SIMULATOR_K3_CREDENTIALS,
  startErpSimulator,
  type ErpSimulator,
} from '../tools/erp-simulator/simulator';
import { BenchApp, inBatches, nowUs, ok, withClient, withProfiledBenchApp } from './bench-support';
import { ProfileWindow } from './cpu-profile';
import { BenchReport, Figure, report, round, timed } from './harness';

const CONTRACTS = Number(process.env.BENCH_ERP_CONTRACTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ERP_ROUNDS ?? 3);
const CUSTOMERS = Number(process.env.BENCH_ERP_CUSTOMERS ?? 50);
const CEILING_ORDERS = Number(process.env.BENCH_ERP_CEILING_ORDERS ?? 2000);
/** The app's default ERP_SYNC_WORKERS × its batch of 25: the sends it can hold in flight. */
const IN_FLIGHT = 4 * 25;
const SIGNING_CONCURRENCY = 16;
const SETUP_CONCURRENCY = 8;
const TARGET_PER_SECOND = 200;

function order(i: number, prefix: string) {
  return {
    contractId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    contractNo: `${prefix}-${String(i).padStart(6, '0')}`,
    date: '2026-12-06',
    customerErpCode: 'CUST00000',
    lines: [{ sku: 'BRG-6205-2RS', qty: '120', taxUnitPrice: '47.46', taxRatePct: 13 }],
  };
}

/** Orders/s the simulator takes through the adapter alone, IN_FLIGHT at a time. */
async function measureCeiling(sim: ErpSimulator): Promise<number> {
  const adapter = new K3CloudAdapter({
    baseUrl: sim.url,
    credentials: SIMULATOR_K3_CREDENTIALS,
    defaults: { saleOrgNumber: '100' },
  });
  const indexes = Array.from({ length: CEILING_ORDERS }, (_, i) => i);
  await inBatches(indexes.slice(0, 100), IN_FLIGHT, (i) =>
    adapter.pushSalesOrder(order(i, 'WARM'), { firstAttempt: true }),
  );
  const { seconds } = await timed(() =>
    inBatches(indexes, IN_FLIGHT, (i) =>
      adapter.pushSalesOrder(order(i, 'CEIL'), { firstAttempt: true }),
    ),
  );
  return CEILING_ORDERS / seconds;
}

/** The bench's product, and `count` customers with an ERP code (the simulator takes any). */
async function seedCatalogue({ app, adminAuth, adminId }: BenchApp, count: number) {
  const product = await ok<{ id: string; listPrice: string }>(app, 'POST', '/products', adminAuth, {
    sku: 'BRG-6205-2RS',
    name: '深沟球轴承 6205-2RS',
    unit: '个',
    listPrice: '42.00',
    cost: '30.00',
    taxRatePct: 13,
  });
  const indexes = Array.from({ length: count }, (_, i) => i);
  const customers = await inBatches(indexes, SETUP_CONCURRENCY, (i) =>
    ok<{ id: string }>(app, 'POST', '/customers', adminAuth, {
      name: `宁波海天机械有限公司（${i + 1} 号客户）`,
      phone: `139570${String(i).padStart(5, '0')}`,
      erpCode: `CUST${String(i).padStart(5, '0')}`,
      ownerId: adminId,
    }),
  );
  return { product, customerIds: customers.map((customer) => customer.id) };
}

/** `count` approved quotes at list price (no chain), round-robin over `customerIds`. */
async function seedApprovedQuotes(
  { app, adminAuth }: BenchApp,
  product: { id: string; listPrice: string },
  customerIds: string[],
  count: number,
): Promise<string[]> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return inBatches(indexes, SETUP_CONCURRENCY, async (i) => {
    const quote = await ok<{ id: string }>(app, 'POST', '/quotes', adminAuth, {
      customerId: customerIds[i % customerIds.length],
      lines: [{ productId: product.id, qty: 120, unitPrice: product.listPrice }],
    });
    await ok(app, 'POST', `/quotes/${quote.id}/submit`, adminAuth);
    return quote.id;
  });
}

async function syncedCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM erp_sync_jobs WHERE status = 'synced'",
    );
    return rows[0].n;
  });
}

/** One round: `quoteIds` signed, 16 at a time, until the last of their jobs is synced. */
async function measureRound(bench: BenchApp, sim: ErpSimulator, quoteIds: string[]) {
  const { app, adminAuth, url } = bench;
  const ordersBefore = sim.orders().length;
  const syncedBefore = await syncedCount(url);
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  await inBatches(quoteIds, SIGNING_CONCURRENCY, (quoteId) =>
    ok(app, 'POST', `/quotes/${quoteId}/contract`, adminAuth, {}),
  );
  const signedSeconds = elapsed();
  let synced = (await syncedCount(url)) - syncedBefore;
  while (synced < quoteIds.length && elapsed() < 300) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    synced = (await syncedCount(url)) - syncedBefore;
  }
  const seconds = elapsed();
  return {
    contracts: quoteIds.length,
    synced,
    ordersInErp: sim.orders().length - ordersBefore,
    signedSeconds: round(signedSeconds, 2),
    seconds: round(seconds, 2),
    perSecond: round(quoteIds.length / seconds, 1),
  };
}

/** With BENCH_PROFILE=1 the app runs under --cpu-prof; its profile of the signing and dispatch is summarised. */
export async function erpBenchmark(): Promise<BenchReport> {
  const loadBefore = loadavg();
  const sim = await startErpSimulator({ port: 0 });
  try {
    const ceiling = await measureCeiling(sim);
    sim.reset();
    const { figures, details } = await withProfiledBenchApp(
      'erp',
      { LOG_LEVEL: 'warn' },
      async (bench) => {
        await ok(bench.app, 'POST', '/erp/connections', bench.adminAuth, {
          name: '金蝶云星空（模拟器）',
          kind: 'k3cloud',
          baseUrl: sim.url,
          credentials: SIMULATOR_K3_CREDENTIALS,
          defaults: { saleOrgNumber: '100' },
          active: true,
        });
        const { product, customerIds } = await seedCatalogue(bench, CUSTOMERS);
        const quoteIds = await seedApprovedQuotes(bench, product, customerIds, CONTRACTS * ROUNDS);
        const oneCustomersQuotes = await seedApprovedQuotes(
          bench,
          product,
          customerIds.slice(0, 1),
          CONTRACTS,
        );
        const window: ProfileWindow = { fromUs: nowUs(), toUs: 0 };
        const rounds: Round[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const slice = quoteIds.slice(i * CONTRACTS, (i + 1) * CONTRACTS);
          rounds.push(await measureRound(bench, sim, slice));
        }
        window.toUs = nowUs();
        const oneCustomerRound = await measureRound(bench, sim, oneCustomersQuotes);
        return {
          figures: erpFigures(rounds, [...rounds, oneCustomerRound], ceiling),
          details: {
            method:
              `${ROUNDS} rounds of ${CONTRACTS} quotes of ${CUSTOMERS} customers approved beforehand; each round signs ` +
              `${SIGNING_CONCURRENCY} at a time while 4 workers (batch 25) dispatch, and its clock ` +
              `stops at its last job synced; the figure is the median round. ` +
              `Ceiling: ${CEILING_ORDERS} K3 saves through K3CloudAdapter, ${IN_FLIGHT} in flight, ` +
              'after 100 warm-up saves.',
            rounds,
            oneCustomerRound,
            ceilingPerSecond: round(ceiling, 1),
            loadAverage: {
              before: loadBefore.map((x) => round(x, 2)),
              after: loadavg().map((x) => round(x, 2)),
            },
          },
          window,
        };
      },
    );
    return report('erp', figures, details);
  } finally {
    await sim.close();
  }
}

type Round = Awaited<ReturnType<typeof measureRound>>;

/**
 * The median round's throughput (the machine is shared: one slow round is noise), and exactness
 * over every round run (`all`, the one customer's included).
 */
function erpFigures(rounds: Round[], all: Round[], ceiling: number): Figure[] {
  const run = [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)];
  const total = (key: 'contracts' | 'ordersInErp') =>
    all.reduce((sum, round) => sum + round[key], 0);
  const exact = all.every(
    (round) => round.synced === round.contracts && round.ordersInErp === round.contracts,
  );
  return [
    {
      name: `contracts signed and dispatched to the simulator (median of ${rounds.length} rounds of ${run.contracts} over ${CUSTOMERS} customers, K3 Cloud, no faults)`,
      value: run.perSecond,
      unit: 'contracts/s',
      baseline: {
        name: `the simulator's ceiling: K3 saves from the adapter alone, ${IN_FLIGHT} in flight`,
        value: round(ceiling, 1),
        unit: 'orders/s',
      },
      ratio: round(run.perSecond / ceiling, 2),
      target: `≥ ${TARGET_PER_SECOND} contracts/s`,
      pass: run.perSecond >= TARGET_PER_SECOND,
    },
    {
      name: 'ERP orders made, and jobs synced, per contract (all rounds)',
      value: total('ordersInErp'),
      unit: 'orders',
      baseline: { name: 'contracts signed', value: total('contracts'), unit: 'contracts' },
      target: 'exactly one order per contract, every job synced',
      pass: exact,
    },
  ];
}
