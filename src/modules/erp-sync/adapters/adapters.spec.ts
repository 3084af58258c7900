import {
  ErpSimulator,
  SIMULATOR_K3_CREDENTIALS,
  SIMULATOR_U8_CREDENTIALS,
  startErpSimulator,
} from '../../../../tools/erp-simulator/simulator';
import { createErpAdapter } from './erp-adapter.factory';
import { ErpAdapter, ErpConnection, ErpSalesOrder, RetryableErpError } from './erp-adapter';
import { U8Adapter } from './u8.adapter';

/*
 * The adapters against the in-process simulator: real HTTP, no database.
 * Each scenario runs for both ERPs where the wire formats share it.
 */

let sim: ErpSimulator;

beforeAll(async () => {
  sim = await startErpSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.seed({
    customers: ['CUST-001', 'CUST-002'],
    materials: [
      { code: 'VLV-DN50', stock: { CK001: '10', CK002: '2.5' } },
      { code: 'BRG-6205', stock: '400' },
    ],
  });
});

let serial = 0;
function anOrder(overrides: Partial<ErpSalesOrder> = {}): ErpSalesOrder {
  serial++;
  return {
    contractId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    contractNo: `HT-2026-${String(serial).padStart(6, '0')}`,
    date: '2026-03-15',
    customerErpCode: 'CUST-001',
    lines: [
      { sku: 'VLV-DN50', qty: '2', taxUnitPrice: '282.50', taxRatePct: 13 },
      { sku: 'BRG-6205', qty: '100', taxUnitPrice: '38.64', taxRatePct: 13 },
    ],
    ...overrides,
  };
}

function connection(kind: 'k3cloud' | 'u8', timeoutMs = 2000): ErpConnection {
  return kind === 'k3cloud'
    ? {
        kind,
        baseUrl: `${sim.url}/K3Cloud/`,
        credentials: { ...SIMULATOR_K3_CREDENTIALS },
        defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS' },
        timeoutMs,
      }
    : {
        kind,
        baseUrl: sim.url,
        credentials: { ...SIMULATOR_U8_CREDENTIALS },
        defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03' },
        timeoutMs,
      };
}

async function retryable(promise: Promise<unknown>): Promise<RetryableErpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RetryableErpError);
  return error as RetryableErpError;
}

describe.each(['k3cloud', 'u8'] as const)('%s adapter', (kind) => {
  let adapter: ErpAdapter;
  beforeEach(() => {
    adapter = createErpAdapter(connection(kind));
  });
  const saved = () => sim.orders().filter((order) => order.erp === kind);

  it('pushes an order: synced with the ERP number, and the ERP holds it as mapped', async () => {
    const order = anOrder();
    const outcome = await adapter.pushSalesOrder(order);

    const [held] = saved();
    expect(outcome).toEqual({
      status: 'synced',
      erpOrderNo: kind === 'k3cloud' ? order.contractNo : held.id,
    });
    expect(held).toMatchObject({
      number: order.contractNo,
      customer: 'CUST-001',
      date: '2026-03-15',
      lines: [
        { sku: 'VLV-DN50', qty: '2', taxPrice: '282.5', taxRate: 13 },
        { sku: 'BRG-6205', qty: '100', taxPrice: '38.64', taxRate: 13 },
      ],
    });
    if (kind === 'u8') expect(held.bizId).toBe(order.contractId);
  });

  it('pushing the same contract twice leaves one order and answers the same number', async () => {
    const order = anOrder();
    const first = await adapter.pushSalesOrder(order);
    const second = await createErpAdapter(connection(kind)).pushSalesOrder(order);
    expect(second).toEqual(first);
    expect(saved()).toHaveLength(1);
  });

  it('logs in once and keeps the session or token across pushes', async () => {
    await adapter.pushSalesOrder(anOrder());
    await adapter.pushSalesOrder(anOrder());
    const stats = sim.stats();
    expect(kind === 'k3cloud' ? stats.k3Logins : stats.u8Tokens).toBe(1);
  });

  it('after the ERP forgets the session or token, logs in again once and succeeds', async () => {
    await adapter.pushSalesOrder(anOrder());
    sim.setFaults({ expireSessions: true });

    const outcome = await adapter.pushSalesOrder(anOrder());
    expect(outcome.status).toBe('synced');
    expect(saved()).toHaveLength(2);
    const stats = sim.stats();
    expect(kind === 'k3cloud' ? stats.k3Logins : stats.u8Tokens).toBe(2);
  });

  it('503 from the ERP: RetryableErpError, and nothing saved', async () => {
    sim.setFaults({ fail5xxPct: 100 });
    const error = await retryable(adapter.pushSalesOrder(anOrder()));
    expect(error.reason).toBe('http_status');
    expect(error.httpStatus).toBe(503);
    expect(saved()).toHaveLength(0);
  });

  it('a reset connection: RetryableErpError (network)', async () => {
    sim.setFaults({ resetPct: 100 });
    const error = await retryable(adapter.pushSalesOrder(anOrder()));
    expect(error.reason).toBe('network');
  });

  it.each(['reset', '504'] as const)(
    'a response lost after the save (%s), then a retry: exactly one order, synced',
    async (mode) => {
      const order = anOrder();
      sim.setFaults({ lostResponsePct: 100, lostResponseMode: mode });
      await retryable(adapter.pushSalesOrder(order));
      expect(saved()).toHaveLength(1);

      sim.setFaults({ lostResponsePct: 0 });
      const outcome = await adapter.pushSalesOrder(order);
      expect(outcome).toEqual({ status: 'synced', erpOrderNo: expect.any(String) });
      const orders = saved();
      expect(orders).toHaveLength(1);
      expect(outcome).toEqual({
        status: 'synced',
        erpOrderNo: kind === 'k3cloud' ? order.contractNo : orders[0].id,
      });
    },
  );

  it('a retry storm under random faults still ends with exactly one order per contract', async () => {
    sim.setFaults({ fail5xxPct: 10, resetPct: 10, lostResponsePct: 30 });
    const orders = Array.from({ length: 15 }, () => anOrder());
    for (const order of orders) {
      for (let attempt = 0; ; attempt++) {
        try {
          const outcome = await adapter.pushSalesOrder(order);
          expect(outcome.status).toBe('synced');
          break;
        } catch (error) {
          expect(error).toBeInstanceOf(RetryableErpError);
          if (attempt > 50) throw error;
        }
      }
    }
    const numbers = saved()
      .map((order) => order.number)
      .sort();
    expect(numbers).toEqual(orders.map((order) => order.contractNo).sort());
  });

  it("an unknown customer: business_error with the ERP's message, nothing saved", async () => {
    const outcome = await adapter.pushSalesOrder(anOrder({ customerErpCode: 'NOPE-9' }));
    expect(outcome).toEqual({
      status: 'business_error',
      message: expect.stringContaining('“NOPE-9”不存在'),
    });
    expect(saved()).toHaveLength(0);
  });

  it('an unknown material or one the ERP refuses: business_error', async () => {
    const unknown = await adapter.pushSalesOrder(
      anOrder({ lines: [{ sku: 'GHOST', qty: '1', taxUnitPrice: '1.00', taxRatePct: 13 }] }),
    );
    expect(unknown).toEqual({
      status: 'business_error',
      message: expect.stringContaining('“GHOST”不存在'),
    });

    sim.setFaults({ businessErrorFor: ['BRG-6205'] });
    const refused = await adapter.pushSalesOrder(anOrder());
    expect(refused.status).toBe('business_error');
    expect(refused.status === 'business_error' && refused.message).toContain('BRG-6205');
  });

  it('an answer slower than timeoutMs: RetryableErpError (timeout)', async () => {
    const slow = createErpAdapter(connection(kind, 150));
    sim.setFaults({ slowMs: 600 });
    const started = Date.now();
    const error = await retryable(slow.pushSalesOrder(anOrder()));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(550);
  });

  it('wrong credentials: a business_error that names no secret', async () => {
    const base = connection(kind);
    const wrong: ErpConnection =
      base.kind === 'k3cloud'
        ? { ...base, credentials: { ...base.credentials, password: 'hunter2-secret' } }
        : { ...base, credentials: { ...base.credentials, appSecret: 'hunter2-secret' } };
    const outcome = await createErpAdapter(wrong).pushSalesOrder(anOrder());
    expect(outcome.status).toBe('business_error');
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });

  it('errors never carry the URL, a credential or a token', async () => {
    sim.setFaults({ fail5xxPct: 100 });
    const error = await retryable(adapter.pushSalesOrder(anOrder()));
    const text = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    for (const secret of ['sim-password', 'sim-app-secret', 'token=', sim.url]) {
      expect(text).not.toContain(secret);
    }
  });

  it('fetches stock, summed over warehouses; an unknown SKU is left out', async () => {
    const levels = await adapter.fetchStock(['VLV-DN50', 'BRG-6205', 'GHOST']);
    expect(levels.sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([
      { sku: 'BRG-6205', quantity: '400' },
      { sku: 'VLV-DN50', quantity: '12.5' },
    ]);
  });

  it('fetchStock under a 503: RetryableErpError', async () => {
    sim.setFaults({ fail5xxPct: 100 });
    await retryable(adapter.fetchStock(['VLV-DN50']));
  });
});

describe('k3cloud adapter, lookup before save', () => {
  it('an order already in K3 under the contract number is not saved again', async () => {
    const order = anOrder();
    await createErpAdapter(connection('k3cloud')).pushSalesOrder(order);
    const before = sim.stats().k3Saves;

    const outcome = await createErpAdapter(connection('k3cloud')).pushSalesOrder(order);
    expect(outcome).toEqual({ status: 'synced', erpOrderNo: order.contractNo });
    expect(sim.stats().k3Saves).toBe(before);
  });

  it('two workers racing on one contract: one order, both synced', async () => {
    const order = anOrder();
    const outcomes = await Promise.all([
      createErpAdapter(connection('k3cloud')).pushSalesOrder(order),
      createErpAdapter(connection('k3cloud')).pushSalesOrder(order),
    ]);
    expect(outcomes).toEqual([
      { status: 'synced', erpOrderNo: order.contractNo },
      { status: 'synced', erpOrderNo: order.contractNo },
    ]);
    expect(sim.orders().filter((held) => held.number === order.contractNo)).toHaveLength(1);
  });
});

describe('k3cloud adapter, first attempt', () => {
  it('saves without a lookup, then still finds a duplicate number as synced', async () => {
    const order = anOrder();
    const adapter = createErpAdapter(connection('k3cloud'));
    const first = await adapter.pushSalesOrder(order, { firstAttempt: true });
    expect(first).toEqual({ status: 'synced', erpOrderNo: order.contractNo });
    expect(sim.stats()).toMatchObject({ k3Saves: 1, k3Queries: 0 });

    // A "first" attempt for a number K3 already holds: the refused Save is followed by a lookup.
    const again = await adapter.pushSalesOrder(order, { firstAttempt: true });
    expect(again).toEqual({ status: 'synced', erpOrderNo: order.contractNo });
    expect(sim.orders().filter((held) => held.number === order.contractNo)).toHaveLength(1);
  });
});

describe('u8 adapter, token lifetime', () => {
  it('renews a token that is within the margin of expiring', async () => {
    let now = 1_000_000;
    const base = connection('u8');
    if (base.kind !== 'u8') throw new Error('unreachable');
    const adapter = new U8Adapter({ ...base, tokenMarginMs: 60_000, now: () => now });

    await adapter.pushSalesOrder(anOrder());
    now += 7200_000 - 61_000; // still outside the margin
    await adapter.pushSalesOrder(anOrder());
    expect(sim.stats().u8Tokens).toBe(1);

    now += 2_000; // now inside the last minute
    await adapter.pushSalesOrder(anOrder());
    expect(sim.stats().u8Tokens).toBe(2);
  });
});
