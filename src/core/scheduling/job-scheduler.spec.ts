import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { TransactionHost } from '../database/transaction-host';
import { SettingsService } from '../settings/settings.service';
import { JobScheduler } from './job-scheduler';

/** A transaction host whose advisory try-lock answers `locked`. */
function fakeTx(locked: boolean): TransactionHost {
  return {
    withTransaction: (fn: () => Promise<unknown>) => fn(),
    query: () => Promise.resolve([{ locked }]),
  } as unknown as TransactionHost;
}

const settings = {
  get: () => Promise.resolve({ timezone: 'Asia/Shanghai' }),
} as unknown as SettingsService;

async function scheduledJob(tx: TransactionHost, run: () => Promise<unknown>): Promise<CronJob> {
  const registry = new SchedulerRegistry();
  await new JobScheduler(tx, settings, registry).schedule('test-job', '0 0 1 1 *', run);
  const job = registry.getCronJob('test-job');
  await job.stop();
  return job;
}
const done = () => Promise.resolve(undefined);

describe('JobScheduler', () => {
  it("registers the job on its cron schedule in the organisation's time zone", async () => {
    const job = await scheduledJob(fakeTx(true), done);
    expect(job.cronTime.source).toBe('0 0 1 1 *');
    expect(job.cronTime.timeZone).toBe('Asia/Shanghai');
  });

  it('runs the job when it takes the lock', async () => {
    const run = jest.fn(done);
    await (await scheduledJob(fakeTx(true), run)).fireOnTick();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('skips the tick when another replica holds the lock', async () => {
    const run = jest.fn(done);
    await (await scheduledJob(fakeTx(false), run)).fireOnTick();
    expect(run).not.toHaveBeenCalled();
  });

  it('logs a failing run instead of throwing, so the schedule goes on', async () => {
    const job = await scheduledJob(fakeTx(true), () => Promise.reject(new Error('database gone')));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await job.fireOnTick();
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'test-job' }),
      'Scheduled job test-job failed',
    );
    logged.mockRestore();
  });

  it('runs on demand under the same lock, waiting for it', async () => {
    const queries: string[] = [];
    const tx = {
      withTransaction: (fn: () => Promise<unknown>) => fn(),
      query: (sql: string) => {
        queries.push(sql);
        return Promise.resolve([]);
      },
    } as unknown as TransactionHost;
    const result = await new JobScheduler(tx, settings).runNow('test-job', () =>
      Promise.resolve(42),
    );
    expect(result).toBe(42);
    expect(queries).toEqual(['SELECT pg_advisory_xact_lock($1)']);
  });

  it('schedules nothing without the scheduler (tests, one-off tools)', async () => {
    const run = jest.fn();
    await new JobScheduler(fakeTx(true), settings).schedule('x', '* * * * *', run);
    expect(run).not.toHaveBeenCalled();
  });
});
