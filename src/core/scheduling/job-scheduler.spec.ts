import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { TransactionHost } from '../database/transaction-host';
import { JobScheduler } from './job-scheduler';

/** A transaction host whose advisory try-lock answers `locked`. */
function fakeTx(locked: boolean): TransactionHost {
  return {
    withTransaction: (fn: () => Promise<unknown>) => fn(),
    query: () => Promise.resolve([{ locked }]),
  } as unknown as TransactionHost;
}

async function scheduledJob(tx: TransactionHost, run: () => Promise<unknown>): Promise<CronJob> {
  const registry = new SchedulerRegistry();
  new JobScheduler(tx, registry).schedule('test-job', '0 0 1 1 *', 'Asia/Shanghai', run);
  const job = registry.getCronJob('test-job');
  await job.stop();
  return job;
}
const done = () => Promise.resolve(undefined);

describe('JobScheduler', () => {
  it('registers the job on its cron schedule in the given time zone', async () => {
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

  it('schedules nothing without the scheduler (tests, one-off tools)', () => {
    const run = jest.fn();
    expect(() =>
      new JobScheduler(fakeTx(true)).schedule('x', '* * * * *', 'UTC', run),
    ).not.toThrow();
    expect(run).not.toHaveBeenCalled();
  });
});
