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
