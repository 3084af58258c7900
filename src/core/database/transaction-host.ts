import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { isRetryableTransactionFailure } from './database-errors';
import { statementName } from './statement-name';
import { SLOW_QUERY_MS } from './typeorm-options';

/** Attempts of a transaction that PostgreSQL rolled back to break a deadlock. */
const MAX_ATTEMPTS = 3;
/** The first retry waits about this long (jittered), the next twice as long. */
const RETRY_DELAY_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TransactionContext {
  manager: EntityManager;
  afterCommit: (() => void)[];
  /** Work gathered by `gatherForCommit`, by key, written last in the transaction. */
  gathered: Map<symbol, { items: unknown[]; write: (items: unknown[]) => Promise<void> }>;
}

/**
 * The explicit transaction boundary. `withTransaction(fn)` opens a transaction
 * whose manager propagates through AsyncLocalStorage, so every repository
 * called inside `fn` joins it without passing a manager around. Nested calls
 * join the outer transaction.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<TransactionContext>();
  private readonly logger = new Logger('Database');

  constructor(readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the pool's outside a transaction. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs `fn` in a transaction, or in the caller's. The outermost call runs it
   * again, up to MAX_ATTEMPTS times, when PostgreSQL rolled it back as one of
   * two transactions that waited on each other (or could not serialise): a
   * rare pair of writes that take the same locks in different orders must
   * cost a retry, not a 500. Writers still take locks in one order where they
   * can (see CustomerFollowers). `fn` must keep its effects in the
   * transaction, as it should.
   */
  async withTransaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return fn(current.manager);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(fn);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableTransactionFailure(error)) throw error;
        await sleep(RETRY_DELAY_MS * attempt * (0.5 + Math.random()));
      }
    }
  }

  private async runOnce<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const afterCommit: (() => void)[] = [];
    const gathered: TransactionContext['gathered'] = new Map();
    const result = await this.dataSource.transaction((manager) =>
      this.storage.run({ manager, afterCommit, gathered }, async () => {
        const value = await fn(manager);
        for (const { items, write } of gathered.values()) await write(items);
        return value;
      }),
    );
    for (const effect of afterCommit) effect();
    return result;
  }

  /**
   * Adds `item` to the current transaction's gathering under `key`. Once the
   * transaction's work is done, just before COMMIT and in the transaction,
   * `write` gets everything gathered under the key in one call (the `write`
   * of the first item is used). For writes that belong last and together:
   * the audit chain's events, whose lock is then held only from their one
   * insert to the commit. Must run inside a transaction.
   */
  gatherForCommit<T>(key: symbol, item: T, write: (items: T[]) => Promise<void>): void {
    const context = this.storage.getStore();
    if (!context) throw new Error('gatherForCommit needs a transaction');
    const gathering = context.gathered.get(key);
    if (gathering) gathering.items.push(item);
    else
      context.gathered.set(key, {
        items: [item],
        write: write as (items: unknown[]) => Promise<void>,
      });
  }

  /**
   * Runs `effect` once the current transaction has committed (the outermost
   * one, which a nested call joins), or at once outside a transaction. It
   * never runs if the transaction rolls back. For effects on this process's
   * own state that must not run ahead of the data, e.g. dropping a cache.
   */
  afterCommit(effect: () => void): void {
    const context = this.storage.getStore();
    if (context) context.afterCommit.push(effect);
    else effect();
  }

  /**
   * Runs `fn` outside the current transaction, with its own connections.
   * Background work started by a request (an import that outlives it) and
   * progress writes that must be visible before the transaction commits use
   * this; otherwise they would join, and wait for, the caller's transaction.
   */
  detached<T>(fn: () => T): T {
    return this.storage.exit(fn);
  }

  /**
   * Several statements sent as one simple query: one round trip, and each
   * statement still takes its own snapshot (so one can read what a lock taken
   * by the statement before it now guards). Returns each statement's rows.
   * The simple protocol takes no parameters: only for SQL made of constants.
   */
  async queryStatements(statements: string[]): Promise<ObjectLiteral[][]> {
    return this.withClient(async (client) => {
      const results = await client.query(statements.join(';\n'));
      return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
    });
  }

  /**
   * Raw SQL in the current transaction, if any. Always use $n parameters.
   * Returns the rows for every statement kind.
   *
   * `prepare` makes it a named prepared statement on its connection, so
   * PostgreSQL parses it once per connection rather than at every call. For
   * the hot paths (signing a contract, dispatching its ERP sync) and only for
   * SQL whose text takes few shapes: each shape stays prepared on every
   * connection that ran it.
   */
  async query<T extends ObjectLiteral = ObjectLiteral>(
    sql: string,
    params: unknown[] = [],
    options: { prepare?: boolean } = {},
  ): Promise<T[]> {
    return this.withClient(async (client) => {
      const started = Date.now();
      const name = options.prepare ? statementName(sql) : undefined;
      const { rows } = await client.query({ text: sql, values: params, name });
      const ms = Date.now() - started;
      // Never the parameters: they can hold password hashes or customer data.
      if (ms >= SLOW_QUERY_MS) this.logger.warn({ ms, sql: sql.slice(0, 300) }, 'Slow query');
      return rows as T[];
    });
  }

  /** The pg client of the current transaction, or a pooled one released after `fn`. */
  private async withClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
    const transactionRunner = this.storage.getStore()?.manager.queryRunner;
    const runner = transactionRunner ?? this.dataSource.createQueryRunner();
    try {
      return await fn((await runner.connect()) as PgClient);
    } finally {
      if (!transactionRunner) await runner.release();
    }
  }
}

/** What this class uses of the pg client a TypeORM query runner holds. */
interface PgClient {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<PgResult>;
  /** A simple query: one result per statement when there are several. */
  query(text: string): Promise<PgResult | PgResult[]>;
}

interface PgResult {
  rows: ObjectLiteral[];
}
