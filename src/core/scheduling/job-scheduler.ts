import { Injectable, Logger, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { tryWithTransactionLock } from '../database/advisory-lock';
import { TransactionHost } from '../database/transaction-host';

/**
 * Runs jobs on cron schedules read from the configuration, each inside a
 * transaction-level advisory try-lock named after the job: with N replicas
 * the first to take the lock runs it, the others skip that tick. Without the
 * scheduler (tests), nothing is scheduled; the jobs' on-demand routes remain.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);

  constructor(
    private readonly tx: TransactionHost,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  schedule(name: string, cronTime: string, timeZone: string, run: () => Promise<unknown>): void {
    if (!this.registry) return;
    const job = CronJob.from({
      cronTime,
      timeZone,
      onTick: () => this.tick(name, run),
      waitForCompletion: true,
    });
    this.registry.addCronJob(name, job);
    job.start();
  }

  /** A failed tick is logged, never thrown: the next tick tries again. */
  private async tick(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      const ran = await tryWithTransactionLock(this.tx, `job:${name}`, async () => {
        await run();
        return true;
      });
      if (!ran) this.logger.debug(`Job ${name} skipped: another replica is running it`);
    } catch (error) {
      this.logger.error({ err: error, job: name }, `Scheduled job ${name} failed`);
    }
  }
}
