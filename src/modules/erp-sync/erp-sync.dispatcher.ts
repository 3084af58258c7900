import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { JobOutcome, JobQueue, QueuedJob, SendPolicy } from '../../core/queue/job-queue';
import { SettingsService } from '../../core/settings/settings.service';
import { RetryableErpError } from './adapters';
import { ErpCredentialsUnreadableError } from './connections/erp-connections.exception';
import { toErpSalesOrder } from './domain/sales-order';
import { ConnectedErp, ErpAdapterSource } from './erp-adapter-source';
import { ErpSyncAttempt, ErpSyncRepository, SyncedOrder } from './erp-sync.repository';

/** The queue of contracts to push, and where pg-boss moves a job whose retries ran out. */
export const ERP_SYNC_QUEUE = 'erp-sync';
export const ERP_SYNC_DEAD_LETTER = 'erp-sync-dead';

/** Due jobs one worker claims per poll, and one `POST /erp/sync-jobs/run` per round trip. */
const BATCH_SIZE = 25;

/** What a queue entry carries: the sync job's id; the rest is read fresh at each attempt. */
interface ErpSyncMessage {
  syncJobId: string;
}

/** How the jobs of one `POST /erp/sync-jobs/run` ended up. */
export interface ErpSyncRunResult {
  processed: number;
  synced: number;
  failed: number;
  retrying: number;
  dead: number;
}

type AttemptEnding = 'synced' | 'failed' | 'retrying' | 'dead';

const DONE: JobOutcome = { kind: 'done' };

/**
 * Delivers the ERP sync jobs (issue 14 §2). Each attempt counts itself before
 * it calls the ERP, reads the contract fresh, and ends in one of three ways:
 * synced (the ERP holds the order), failed (the ERP refused it: a business
 * error, not retried) or pending with the reason (retried by pg-boss with
 * exponential backoff and jitter). The last attempt's failure marks it dead;
 * a worker killed during its last attempt leaves that to the dead letter
 * queue, where pg-boss moves the job once its lease runs out.
 */
@Injectable()
export class ErpSyncDispatcher implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ErpSyncDispatcher.name);
  private readonly policy: SendPolicy;

  constructor(
    private readonly queue: JobQueue,
    private readonly jobs: ErpSyncRepository,
    private readonly erps: ErpAdapterSource,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {
    const { maxAttempts, retryDelaySeconds, leaseSeconds } = config.erpSync;
    this.policy = {
      retryLimit: maxAttempts - 1,
      retryDelaySeconds,
      leaseSeconds,
      deadLetter: ERP_SYNC_DEAD_LETTER,
    };
  }

  /** The queues, before any module's bootstrap (the demo seeding signs a contract) sends to them. */
  async onModuleInit(): Promise<void> {
    await this.queue.ensureQueue(ERP_SYNC_DEAD_LETTER);
    await this.queue.ensureQueue(ERP_SYNC_QUEUE);
  }

  /** Starts the workers unless the scheduler is off (tests) or ERP_SYNC_WORKERS=0. */
  async onApplicationBootstrap(): Promise<void> {
    const { workers, pollSeconds } = this.config.erpSync;
    if (!this.config.schedulerEnabled || workers === 0) return;
    const options = { batchSize: BATCH_SIZE, pollSeconds };
    await this.queue.work<ErpSyncMessage>(ERP_SYNC_QUEUE, { ...options, count: workers }, (jobs) =>
      this.deliver(jobs),
    );
    await this.queue.work<ErpSyncMessage>(ERP_SYNC_DEAD_LETTER, { ...options, count: 1 }, (jobs) =>
      this.bury(jobs),
    );
  }

  /** Queues a delivery of the sync job in the caller's transaction. */
  async enqueue(syncJobId: string): Promise<void> {
    const message: ErpSyncMessage = { syncJobId };
    await this.queue.sendInTransaction(ERP_SYNC_QUEUE, message, this.policy);
  }

  /**
   * Processes the due jobs now (`POST /erp/sync-jobs/run`): up to `limit`
   * deliveries, then the dead letters of workers that died during a last
   * attempt. Jobs in backoff wait for their time; jobs other workers hold
   * are skipped.
   */
  async runDue(limit: number): Promise<ErpSyncRunResult> {
    const result: ErpSyncRunResult = { processed: 0, synced: 0, failed: 0, retrying: 0, dead: 0 };
    const options = { batchSize: BATCH_SIZE, limit };
    const delivered = await this.queue.drain<ErpSyncMessage>(ERP_SYNC_QUEUE, options, (jobs) =>
      this.deliver(jobs, (ending) => result[ending]++),
    );
    result.processed = delivered.processed;
    await this.queue.drain<ErpSyncMessage>(ERP_SYNC_DEAD_LETTER, options, (jobs) =>
      this.bury(jobs, () => result.dead++),
    );
    return result;
  }

  /**
   * One attempt for each job of a batch, pushed to the ERP at once. What the
   * jobs share (the settings, their connections) is read once per batch, and
   * the jobs the ERP took are marked synced together at the end. A worker
   * killed before that leaves them pending: their retry looks the order up
   * by number before saving it (adapters' `firstAttempt`), so none doubles.
   */
  private async deliver(
    jobs: QueuedJob<ErpSyncMessage>[],
    report: (ending: AttemptEnding) => void = () => undefined,
  ): Promise<JobOutcome[]> {
    const { timezone } = await this.settings.get();
    const attempts = await this.jobs.beginAttempts(
      jobs.map((job) => job.data.syncJobId),
      timezone,
    );
    const erps = await this.connectionsFor([...attempts.values()]);
    const synced: SyncedOrder[] = [];
    const outcomes = await Promise.all(
      jobs.map(async (job): Promise<JobOutcome> => {
        const attempt = attempts.get(job.data.syncJobId);
        if (!attempt) return DONE; // no longer pending: a late duplicate delivery
        const result = await this.attempt(attempt, erps.get(attempt.connectionId)!);
        if (result.ending === 'synced') {
          synced.push({ jobId: attempt.jobId, erpOrderNo: result.erpOrderNo });
          return DONE;
        }
        if (result.ending === 'failed') {
          report('failed');
          return DONE;
        }
        if (job.retryCount >= job.retryLimit) {
          // pg-boss will dead-letter it; say so now rather than at the next poll.
          await this.jobs.markEnded(attempt.jobId, 'dead', null);
          this.logger.error(
            { contractNo: attempt.contract.contractNo },
            'ERP sync job is dead: retries ran out',
          );
          report('dead');
        } else {
          report('retrying');
        }
        return { kind: 'retry', reason: result.reason };
      }),
    );
    await this.jobs.markSynced(synced);
    synced.forEach(() => report('synced'));
    return outcomes;
  }

  private async attempt(
    attempt: ErpSyncAttempt,
    erp: ConnectedErp | string,
  ): Promise<
    | { ending: 'synced'; erpOrderNo: string }
    | { ending: 'failed' }
    | { ending: 'retrying'; reason: string }
  > {
    const { contract } = attempt;
    if (typeof erp === 'string') return this.fail(attempt, erp);
    const mapped = toErpSalesOrder(contract);
    if ('refused' in mapped) return this.fail(attempt, mapped.refused);
    try {
      const outcome = await erp.adapter.pushSalesOrder(mapped.order, {
        firstAttempt: attempt.attemptsBefore === 0,
      });
      if (outcome.status === 'business_error') return this.fail(attempt, outcome.message);
      this.logger.debug(
        { contractNo: contract.contractNo, erpOrderNo: outcome.erpOrderNo },
        'Synced',
      );
      return { ending: 'synced', erpOrderNo: outcome.erpOrderNo };
    } catch (error) {
      if (!(error instanceof RetryableErpError)) throw error;
      await this.jobs.recordRetry(attempt.jobId, error.message);
      this.logger.warn(
        {
          contractNo: contract.contractNo,
          attempt: attempt.attemptsBefore + 1,
          err: error.message,
        },
        'ERP sync attempt failed; it will be retried',
      );
      return { ending: 'retrying', reason: error.message };
    }
  }

  /**
   * The connection of each job, keyed by the job's `connectionId`: its own,
   * or (key null) the active one, to which first attempts are bound here; or
   * why there is none to use, which no retry can fix.
   */
  private async connectionsFor(
    attempts: ErpSyncAttempt[],
  ): Promise<Map<string | null, ConnectedErp | string>> {
    const erps = new Map<string | null, ConnectedErp | string>();
    for (const id of new Set(attempts.map((attempt) => attempt.connectionId))) {
      erps.set(id, await this.connection(id));
    }
    const active = erps.get(null);
    if (active && typeof active !== 'string') {
      const unbound = attempts.filter((attempt) => !attempt.connectionId);
      await this.jobs.bindConnection(
        unbound.map((attempt) => attempt.jobId),
        active.connectionId,
      );
    }
    return erps;
  }

  private async connection(id: string | null): Promise<ConnectedErp | string> {
    try {
      if (id)
        return (await this.erps.byId(id)) ?? `The job's ERP connection ${id} no longer exists`;
      return (
        (await this.erps.active()) ??
        'No ERP connection is active: activate one, then retry the job'
      );
    } catch (error) {
      if (error instanceof ErpCredentialsUnreadableError) return error.message;
      throw error;
    }
  }

  private async fail(attempt: ErpSyncAttempt, reason: string): Promise<{ ending: 'failed' }> {
    await this.jobs.markEnded(attempt.jobId, 'failed', reason);
    this.logger.warn({ contractNo: attempt.contract.contractNo, reason }, 'ERP sync failed');
    return { ending: 'failed' };
  }

  /** Jobs whose retries ran out (pg-boss dead-lettered them): dead, keeping their last error. */
  private async bury(
    jobs: QueuedJob<ErpSyncMessage>[],
    report: () => void = () => undefined,
  ): Promise<JobOutcome[]> {
    for (const job of jobs) {
      if (await this.jobs.markEnded(job.data.syncJobId, 'dead', null)) {
        this.logger.error(
          { syncJobId: job.data.syncJobId },
          'ERP sync job is dead: retries ran out',
        );
        report();
      }
    }
    return jobs.map(() => DONE);
  }
}
