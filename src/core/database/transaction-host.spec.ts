import { DataSource, EntityManager } from 'typeorm';
import { TransactionHost } from './transaction-host';

/** A data source whose transactions commit when `fn` resolves and roll back when it rejects. */
function fakeDataSource(log: string[]): DataSource {
  return {
    manager: {} as EntityManager,
    transaction: async <T>(fn: (manager: EntityManager) => Promise<T>) => {
      log.push('begin');
      try {
        const result = await fn({} as EntityManager);
        log.push('commit');
        return result;
      } catch (error) {
        log.push('rollback');
        throw error;
      }
    },
  } as unknown as DataSource;
}

describe('TransactionHost.afterCommit', () => {
  let log: string[];
  let tx: TransactionHost;

  beforeEach(() => {
    log = [];
    tx = new TransactionHost(fakeDataSource(log));
  });

  it('runs the effect after the outermost transaction commits, not when the inner call returns', async () => {
    await tx.withTransaction(async () => {
      await tx.withTransaction(() => {
        tx.afterCommit(() => log.push('effect'));
        return Promise.resolve();
      });
      log.push('outer work');
    });
    expect(log).toEqual(['begin', 'outer work', 'commit', 'effect']);
  });

  it('never runs the effect of a transaction that rolls back', async () => {
    await expect(
      tx.withTransaction(() => {
        tx.afterCommit(() => log.push('effect'));
        return Promise.reject(new Error('constraint'));
      }),
    ).rejects.toThrow('constraint');
    expect(log).toEqual(['begin', 'rollback']);
  });

  it('runs the effect at once outside a transaction', () => {
    tx.afterCommit(() => log.push('effect'));
    expect(log).toEqual(['effect']);
  });
});

describe('TransactionHost.gatherForCommit', () => {
  const KEY = Symbol('test items');
  let log: string[];
  let tx: TransactionHost;
  const gather = (item: string) =>
    tx.gatherForCommit(KEY, item, (items) => {
      log.push(`write ${items.join(',')}`);
      return Promise.resolve();
    });

  beforeEach(() => {
    log = [];
    tx = new TransactionHost(fakeDataSource(log));
  });

  it('writes what the outermost transaction gathered in one call, after its work and before its commit', async () => {
    await tx.withTransaction(async () => {
      gather('a');
      await tx.withTransaction(() => Promise.resolve(gather('b')));
      log.push('outer work');
      gather('c');
    });
    expect(log).toEqual(['begin', 'outer work', 'write a,b,c', 'commit']);
  });

  it('writes nothing for a transaction that rolls back, and gathers afresh on a retry', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let attempts = 0;
    await tx.withTransaction(() => {
      gather(`attempt ${++attempts}`);
      return attempts === 1 ? Promise.reject(deadlock) : Promise.resolve();
    });
    expect(log).toEqual(['begin', 'rollback', 'begin', 'write attempt 2', 'commit']);
  });

  it('refuses to gather outside a transaction, where nothing would write it', () => {
    expect(() => gather('lost')).toThrow(/needs a transaction/);
  });
});

describe('TransactionHost.withTransaction retries', () => {
  const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs a transaction again after PostgreSQL broke a deadlock with it, with fresh after-commit effects', async () => {
    const log: string[] = [];
    const tx = new TransactionHost(fakeDataSource(log));
    let attempts = 0;
    const result = await tx.withTransaction(() => {
      const attempt = ++attempts;
      tx.afterCommit(() => log.push(`effect ${attempt}`));
      return attempt === 1 ? Promise.reject(deadlock()) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(log).toEqual(['begin', 'rollback', 'begin', 'commit', 'effect 2']);
  });

  it('gives up after three attempts, and never retries other errors or nested calls', async () => {
    const log: string[] = [];
    const tx = new TransactionHost(fakeDataSource(log));
    await expect(tx.withTransaction(() => Promise.reject(deadlock()))).rejects.toThrow('deadlock');
    expect(log.filter((entry) => entry === 'begin')).toHaveLength(3);

    log.length = 0;
    await expect(tx.withTransaction(() => Promise.reject(new Error('constraint')))).rejects.toThrow(
      'constraint',
    );
    expect(log).toEqual(['begin', 'rollback']);

    log.length = 0;
    let inner = 0;
    await expect(
      tx.withTransaction(() =>
        tx.withTransaction(() => {
          inner++;
          return Promise.reject(deadlock());
        }),
      ),
    ).rejects.toThrow('deadlock');
    expect(inner).toBe(3); // the outer transaction is retried, running the inner call each time
  });
});
