import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from './transaction-host';

/** A stable 64-bit lock key per name, so every replica computes the same one. */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `fn` while holding a session-level advisory lock on its own connection,
 * waiting for the lock. Used at boot (migrations, bootstrap) so that N replicas
 * starting together do the work once, one after another.
 */
export async function withSessionLock<T>(
  dataSource: DataSource,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = advisoryLockKey(name);
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Tries a transaction-level advisory lock; returns undefined at once if another
 * replica holds it. Jobs use this so that runs never overlap across replicas.
 * It does not make a tick run once: a replica whose tick comes after another's
 * commit runs again, so every job must be idempotent (unique dedupe keys).
 */
export async function tryWithTransactionLock<T>(
  tx: TransactionHost,
  name: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  return tx.withTransaction(async () => {
    const [{ locked }] = await tx.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [advisoryLockKey(name)],
    );
    return locked ? fn() : undefined;
  });
}

/**
 * Runs `fn` in a transaction holding a transaction-level advisory lock,
 * waiting for it. On-demand job runs use this: a second run waits for the
 * first and then finds its work done, rather than reporting a skip.
 */
export async function withTransactionLock<T>(
  tx: TransactionHost,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  return tx.withTransaction(async () => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey(name)]);
    return fn();
  });
}
