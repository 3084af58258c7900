import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';
import { statementName } from '../database/statement-name';
import { TransactionHost } from '../database/transaction-host';

/** The schema migrations/…-CreateJobQueue.ts made for pg-boss. */
const SCHEMA = 'pgboss';
/** How long a wake waits for more commits to join it. */
const WAKE_DELAY_MS = 100;
/** In-flight jobs get this long to finish on shutdown; the rest are failed, so they retry. */
const SHUTDOWN_GRACE_MS = 10_000;

/** A claimed job, as a handler sees it. */
export interface QueuedJob<T> {
  id: string;
  data: T;
  /** 0 on the first attempt of this queue entry. */
  retryCount: number;
  retryLimit: number;
}

/** `done` completes the job; `retry` fails it, so pg-boss retries it (or dead-letters it). */
export type JobOutcome = { kind: 'done' } | { kind: 'retry'; reason: string };

/**
 * Handles a claimed batch and answers one outcome per job, in order. A batch
 * lets a handler read what its jobs share once, rather than once per job.
 */
export type JobHandler<T> = (jobs: QueuedJob<T>[]) => Promise<JobOutcome[]>;

/** Retry policy of one send: pg-boss's exponential backoff with jitter, a lease, a dead letter. */
export interface SendPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
  /** A claimed job whose worker went silent this long is failed by maintenance, so it retries. */
  leaseSeconds: number;
  deadLetter: string;
}

export interface DrainResult {
  processed: number;
  done: number;
  retrying: number;
}

/**
 * The app's job queue: pg-boss on the app's own PostgreSQL and connection pool
 * (issue 14 §2; shared by the ERP sync and, later, webhooks). pg-boss claims
 * jobs with `FOR UPDATE SKIP LOCKED`, so N replicas share a queue without
 * taking a job twice, and fails jobs whose lease ran out (a worker killed
 * mid-send), so they run again. Its schema comes from migrations/, never from
 * pg-boss itself (`migrate: false`).
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly workers = new Map<string, string[]>();
  private readonly wakes = new Map<string, NodeJS.Timeout>();
  private starting?: Promise<unknown>;

  constructor(
    dataSource: DataSource,
    private readonly tx: TransactionHost,
    config: AppConfig,
  ) {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    this.boss = new PgBoss({
      // pg-boss's statements with values are single statements of a few fixed shapes: prepared.
      db: {
        executeSql: (text, values) =>
          values?.length
            ? pool.query({ name: statementName(text), text, values })
            : pool.query(text),
      },
      schema: SCHEMA,
      migrate: false,
      schedule: false,
      maintenanceIntervalSeconds: config.queueMaintenanceSeconds,
    });
    // An unhandled 'error' event would end the process; a lost database is
    // already logged and retried by everything else.
    this.boss.on('error', (error: Error) =>
      this.logger.error({ err: error.message }, 'Job queue error'),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.started();
  }

  /** pg-boss, started once: by this module's init, or by a module that creates its queues first. */
  private started(): Promise<unknown> {
    return (this.starting ??= this.boss.start());
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.wakes.values()) clearTimeout(timer);
    await this.boss.stop({ graceful: true, timeout: SHUTDOWN_GRACE_MS });
  }

  /**
   * Creates the queue unless it exists; every replica may call it at boot.
   * Call it from `onModuleInit`, so the queue exists before anything (demo
   * seeding, a request) sends to it.
   */
  async ensureQueue(name: string): Promise<void> {
    await this.started();
    await this.boss.createQueue(name);
  }

  /**
   * Queues a job in the caller's transaction: it exists if and only if the
   * transaction commits (the outbox). Local workers are woken after the commit.
   */
  async sendInTransaction(name: string, data: object, policy: SendPolicy): Promise<string> {
    if (!this.tx.inTransaction) throw new Error(`sendInTransaction(${name}) outside a transaction`);
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: await this.tx.query(text, values, { prepare: true }),
      }),
    };
    const id = await this.boss.send(name, data, {
      db,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.leaseSeconds,
      deadLetter: policy.deadLetter,
    });
    this.tx.afterCommit(() => this.wake(name));
    return id!;
  }

  /** Starts `count` polling workers on the queue, each claiming up to `batchSize` jobs. */
  async work<T>(
    name: string,
    options: { count: number; batchSize: number; pollSeconds: number },
    handler: JobHandler<T>,
  ): Promise<void> {
    const ids: string[] = [];
    for (let i = 0; i < options.count; i++) {
      ids.push(
        await this.boss.work<T>(
          name,
          {
            batchSize: options.batchSize,
            pollingIntervalSeconds: options.pollSeconds,
            includeMetadata: true,
          },
          (jobs) => this.settle(name, jobs, handler),
        ),
      );
    }
    this.workers.set(name, ids);
  }

  /**
   * Runs the queue's due jobs now, in this request, with the same handler the
   * workers use, until none is due or `limit` is reached. Jobs that other
   * workers hold are skipped, not waited for.
   */
  async drain<T>(
    name: string,
    options: { batchSize: number; limit: number },
    handler: JobHandler<T>,
  ): Promise<DrainResult> {
    const result: DrainResult = { processed: 0, done: 0, retrying: 0 };
    while (result.processed < options.limit) {
      const batchSize = Math.min(options.batchSize, options.limit - result.processed);
      const jobs = await this.boss.fetch<T>(name, { batchSize, includeMetadata: true });
      if (!jobs?.length) break;
      const settled = await this.settle(name, jobs, handler);
      result.processed += jobs.length;
      result.done += settled.done;
      result.retrying += settled.retrying;
    }
    return result;
  }

  /**
   * Wakes this process's workers on the queue soon, instead of at their next
   * poll. Wakes within WAKE_DELAY_MS are merged: a burst of commits then
   * makes a few full batches rather than a fetch per job.
   */
  wake(name: string): void {
    if (this.wakes.has(name)) return;
    const timer = setTimeout(() => {
      this.wakes.delete(name);
      for (const id of this.workers.get(name) ?? []) this.boss.notifyWorker(id);
    }, WAKE_DELAY_MS);
    timer.unref();
    this.wakes.set(name, timer);
  }

  /**
   * Runs the handler on the batch, then completes or fails each job. A
   * handler that throws (a bug, a lost database) fails the whole batch, which
   * retries.
   */
  private async settle<T>(
    name: string,
    jobs: PgBoss.JobWithMetadata<T>[],
    handler: JobHandler<T>,
  ): Promise<{ done: number; retrying: number }> {
    const outcomes = await this.outcomesOf(jobs, handler);
    const doneIds = jobs.filter((_, i) => outcomes[i].kind === 'done').map((job) => job.id);
    if (doneIds.length) await this.boss.complete(name, doneIds);
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind === 'retry') {
        await this.boss.fail(name, jobs[i].id, { message: outcome.reason });
      }
    }
    return { done: doneIds.length, retrying: jobs.length - doneIds.length };
  }

  private async outcomesOf<T>(
    jobs: PgBoss.JobWithMetadata<T>[],
    handler: JobHandler<T>,
  ): Promise<JobOutcome[]> {
    const queued = jobs.map((job) => ({
      id: job.id,
      data: job.data,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
    }));
    try {
      return await this.tx.detached(() => handler(queued));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(
        { err: reason, queue: jobs[0].name, jobs: jobs.length },
        'Job handler failed',
      );
      return jobs.map(() => ({ kind: 'retry', reason }));
    }
  }
}
