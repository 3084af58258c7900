import {
  ErpSimulator,
  SIMULATOR_K3_CREDENTIALS,
  SIMULATOR_U8_CREDENTIALS,
  startErpSimulator,
} from '../../tools/erp-simulator/simulator';
import { QuoteFactory, TestProduct } from './quotes';
import type { TestApp } from './test-app';

export { startErpSimulator };
export type { ErpSimulator };

export interface SignedContract {
  id: string;
  contractNo: string;
  amountWithTax: string;
  erpOrderNo: string | null;
  erpSync: { status: string; attempts: number; lastError: string | null };
}

export interface ErpSyncRun {
  processed: number;
  synced: number;
  failed: number;
  retrying: number;
  dead: number;
}

/** An active connection of `kind` to the simulator, made through the API as an admin would. */
export async function connectToSimulator(
  app: TestApp,
  sim: ErpSimulator,
  kind: 'k3cloud' | 'u8' = 'k3cloud',
): Promise<string> {
  const body =
    kind === 'k3cloud'
      ? { credentials: SIMULATOR_K3_CREDENTIALS, defaults: { saleOrgNumber: '100' } }
      : {
          credentials: SIMULATOR_U8_CREDENTIALS,
          defaults: { businesstype: '普通销售', typecode: '01', deptcode: '0301' },
        };
  const response = await app
    .post('/erp/connections', app.adminAuth, {
      name: `${kind} 模拟器`,
      kind,
      baseUrl: sim.url,
      active: true,
      timeoutMs: 5000,
      ...body,
    })
    .expect(201);
  return (response.body as { id: string }).id;
}

let erpCodeSequence = 0;

/**
 * Signed contracts through the API, as an admin: one product, one customer
 * with an ERP code, and quotes at list price (approved on submit).
 */
export class ContractFactory {
  private readonly quotes: QuoteFactory;
  /** Made once, by whichever signing comes first (signMany signs several at once). */
  private product?: Promise<TestProduct>;
  private adminId?: string;

  constructor(private readonly app: TestApp) {
    this.quotes = new QuoteFactory(app);
  }

  /** A customer of the admin's, with an ERP code (the simulator accepts any unless seeded). */
  async customer(erpCode = `CUST-${process.pid}-${++erpCodeSequence}`): Promise<string> {
    this.adminId ??= (
      (await this.app.get('/users/me', this.app.adminAuth).expect(200)).body as { id: string }
    ).id;
    return this.quotes.customer(this.app.adminAuth, '宁波海天机械有限公司', {
      erpCode,
      ownerId: this.adminId,
    });
  }

  async sign(customerId: string, qty = 120): Promise<SignedContract> {
    const product = await (this.product ??= this.quotes.product({
      name: '深沟球轴承 6205-2RS',
      taxRatePct: 13,
    }));
    const auth = this.app.adminAuth;
    const quote = await this.app
      .post('/quotes', auth, {
        customerId,
        lines: [{ productId: product.id, qty, unitPrice: product.listPrice }],
      })
      .expect(201);
    const quoteId = (quote.body as { id: string }).id;
    await this.app.post(`/quotes/${quoteId}/submit`, auth).expect(200);
    const contract = await this.app.post(`/quotes/${quoteId}/contract`, auth, {}).expect(201);
    return contract.body as SignedContract;
  }

  /** `count` contracts of one customer, signed a few at a time. */
  async signMany(customerId: string, count: number, parallel = 8): Promise<SignedContract[]> {
    const signed: SignedContract[] = [];
    for (let i = 0; i < count; i += parallel) {
      const batch = Math.min(parallel, count - i);
      signed.push(
        ...(await Promise.all(Array.from({ length: batch }, () => this.sign(customerId)))),
      );
    }
    return signed;
  }
}

export async function runErpSync(app: TestApp): Promise<ErpSyncRun> {
  const response = await app.post('/erp/sync-jobs/run', app.adminAuth).expect(200);
  return response.body as ErpSyncRun;
}

/** Makes every job waiting out its backoff due now: the test's stand-in for the clock. */
export async function fastForwardRetries(app: TestApp): Promise<number> {
  const rows = await app.sql(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
     WHERE name = 'erp-sync' AND state = 'retry' RETURNING id`,
  );
  return rows.length;
}

/** Runs the due jobs, fast-forwarding backoffs, until no job is pending; the rounds it took. */
export async function syncUntilSettled(app: TestApp, maxRounds = 100): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    await runErpSync(app);
    const [{ pending }] = await app.sql<{ pending: number }>(
      "SELECT count(*)::int AS pending FROM erp_sync_jobs WHERE status = 'pending'",
    );
    if (pending === 0) return round;
    await fastForwardRetries(app);
  }
  throw new Error(`jobs still pending after ${maxRounds} rounds`);
}
