import { Injectable, Logger, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { tryWithTransactionLock, withTransactionLock } from '../database/advisory-lock';
import { TransactionHost } from '../database/transaction-host';
import { SettingsService } from '../settings/settings.service';

/**
 * Runs a job on a cron schedule read from the configuration, or now, always
 * inside a transaction-level advisory lock named after the job, so a run never
 * overlaps another of the same job on any replica. A scheduled tick that finds
 * the lock taken is skipped (another replica has it); a run on demand waits
 * for it, and then finds the work done. Without the scheduler (tests), nothing
 * is scheduled and runs on demand still work.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly settings: SettingsService,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  /** Schedules `run` on `cronTime`, in the organisation's time zone. */
  async schedule(name: string, cronTime: string, run: () => Promise<unknown>): Promise<void> {
    if (!this.registry) return;
    const { timezone } = await this.settings.get();
    const job = CronJob.from({
      cronTime,
      timeZone: timezone,
      onTick: () => this.tick(name, run),
      waitForCompletion: true,
    });
    this.registry.addCronJob(name, job);
    job.start();
  }

  /** Runs the job now, after any run of it in progress here or on another replica. */
  runNow<T>(name: string, run: () => Promise<T>): Promise<T> {
    return withTransactionLock(this.tx, lockName(name), run);
  }

  /** A failed tick is logged, never thrown: the next tick tries again. */
  private async tick(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      const ran = await tryWithTransactionLock(this.tx, lockName(name), async () => {
        await run();
        return true;
      });
      if (!ran) this.logger.debug(`Job ${name} skipped: another replica is running it`);
    } catch (error) {
      this.logger.error({ err: error, job: name }, `Scheduled job ${name} failed`);
    }
  }
}

const lockName = (job: string) => `job:${job}`;
