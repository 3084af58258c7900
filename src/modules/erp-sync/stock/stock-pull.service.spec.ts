import { Logger } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { JobScheduler } from '../../../core/scheduling/job-scheduler';
import { ErpAdapter, ErpRequestError, RetryableErpError, StockLevel } from '../adapters';
import { ConnectedErp } from '../erp-adapter-source';
import { ERP_STOCK_JOB, STOCK_PULL_BATCH, StockPullService } from './stock-pull.service';
import { StockOrigin, StockRepository } from './stock.repository';

/** The table, in memory: sku → level with its origin. */
class FakeStock {
  readonly rows = new Map<string, { quantity: string; syncedAt: Date; origin: StockOrigin }>();
  constructor(readonly skus: string[]) {}

  allSkus = () => Promise.resolve([...this.skus].sort());

  upsert = (levels: StockLevel[], origin: StockOrigin) => {
    const syncedAt = new Date();
    const known = levels.filter((level) => this.skus.includes(level.sku));
    for (const { sku, quantity } of known) this.rows.set(sku, { quantity, syncedAt, origin });
    return Promise.resolve({ written: known.length, syncedAt });
  };
}

/** An ERP that knows `stock` and answers each fetchStock call through `answer`. */
function fakeErp(stock: Record<string, string>, answer?: (call: number) => Error | undefined) {
  const calls: string[][] = [];
  const adapter: ErpAdapter = {
    kind: 'k3cloud',
    pushSalesOrder: () => Promise.reject(new Error('not used')),
    findOrders: () => Promise.reject(new Error('not used')),
    fetchStock: (skus) => {
      calls.push(skus);
      const error = answer?.(calls.length);
      if (error) return Promise.reject(error);
      return Promise.resolve(
        skus.filter((sku) => sku in stock).map((sku) => ({ sku, quantity: stock[sku] })),
      );
    },
  };
  const erp: ConnectedErp = {
    connectionId: 'conn-1',
    name: '金蝶云星空（测试）',
    kind: 'k3cloud',
    adapter,
  };
  return { erp, calls };
}

function setUp(skus: string[], erp: ConnectedErp | null) {
  const stock = new FakeStock(skus);
  const source = { active: () => Promise.resolve(erp), byId: () => Promise.resolve(erp) };
  const runNow = jest.fn((_name: string, run: () => Promise<unknown>) => run());
  const service = new StockPullService(
    source,
    stock as unknown as StockRepository,
    { runNow } as unknown as JobScheduler,
    { erpStockCron: '*/15 * * * *' } as AppConfig,
  );
  return { service, stock, runNow };
}

const skusOf = (count: number) =>
  Array.from({ length: count }, (_, i) => `SKU-${String(i).padStart(4, '0')}`);

describe('StockPullService', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation();
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks for every SKU in batches and writes each reported level with its origin', async () => {
    const skus = skusOf(STOCK_PULL_BATCH * 2 + 1);
    const { erp, calls } = fakeErp(Object.fromEntries(skus.map((sku, i) => [sku, `${i}.5`])));
    const { service, stock, runNow } = setUp(skus, erp);

    const result = await service.pullNow();

    expect(runNow).toHaveBeenCalledWith(ERP_STOCK_JOB, expect.any(Function));
    expect(calls.map((batch) => batch.length)).toEqual([STOCK_PULL_BATCH, STOCK_PULL_BATCH, 1]);
    expect(calls.flat()).toEqual(skus);
    expect(result).toMatchObject({ asked: skus.length, pulled: skus.length, unreported: 0 });
    expect(stock.rows.get('SKU-0400')).toMatchObject({
      quantity: '400.5',
      origin: { connectionId: 'conn-1', source: '金蝶云星空（测试）', erpKind: 'k3cloud' },
    });
  });

  it('keeps the last level of a SKU the ERP no longer reports, and names it', async () => {
    const { erp } = fakeErp({ 'BRG-6205': '10' });
    const { service, stock } = setUp(['BRG-6205', 'VLV-DN50'], erp);
    const earlier = new Date('2026-12-01T00:00:00Z');
    stock.rows.set('VLV-DN50', {
      quantity: '7',
      syncedAt: earlier,
      origin: { connectionId: 'conn-1', source: 'old', erpKind: 'k3cloud' },
    });

    const result = await service.pullNow();

    expect(result).toMatchObject({ pulled: 1, unreported: 1, unreportedSkus: ['VLV-DN50'] });
    expect(stock.rows.get('VLV-DN50')).toMatchObject({ quantity: '7', syncedAt: earlier });
    expect(stock.rows.get('BRG-6205')?.quantity).toBe('10');
  });

  it.each([
    [
      'a transient failure',
      new RetryableErpError('http_status', 'K3 Cloud ExecuteBillQuery: HTTP 503', 503),
      'ERP_UNREACHABLE',
    ],
    [
      'a refused query',
      new ErpRequestError('K3 Cloud login failed: 用户名或密码错误！'),
      'ERP_REFUSED',
    ],
  ])('on %s in a later batch writes nothing and answers 502', async (_, error, code) => {
    const skus = skusOf(STOCK_PULL_BATCH + 1);
    const { erp } = fakeErp(Object.fromEntries(skus.map((sku) => [sku, '1'])), (call) =>
      call === 2 ? error : undefined,
    );
    const { service, stock } = setUp(skus, erp);

    await expect(service.pullNow()).rejects.toMatchObject({ kind: 'bad_gateway', code });
    expect(stock.rows.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ connection: '金蝶云星空（测试）', error: error.message }),
      expect.stringContaining('stored levels are unchanged'),
    );
  });

  it('on schedule logs an ERP failure as a warning and keeps the old levels', async () => {
    const { erp } = fakeErp(
      { A: '1' },
      () => new RetryableErpError('network', 'K3 Cloud login: connection reset'),
    );
    const { service, stock } = setUp(['A'], erp);
    const old = {
      quantity: '3',
      syncedAt: new Date(0),
      origin: { connectionId: null, source: 's', erpKind: 'u8' as const },
    };
    stock.rows.set('A', old);

    await expect(service.scheduledPull()).resolves.toBeUndefined();
    expect(stock.rows.get('A')).toBe(old);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('on schedule rethrows what is not an ERP failure (the scheduler logs it as an error)', async () => {
    const { erp } = fakeErp({ A: '1' }, () => new TypeError('a bug'));
    const { service } = setUp(['A'], erp);
    await expect(service.scheduledPull()).rejects.toThrow(TypeError);
  });

  it('without an active connection skips the scheduled pull with an info log, and refuses a pull now', async () => {
    const { service } = setUp(['A'], null);
    await expect(service.scheduledPull()).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no ERP connection is active'));
    await expect(service.pullNow()).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'ERP_NOT_CONFIGURED',
    });
  });
});
