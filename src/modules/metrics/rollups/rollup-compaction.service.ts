import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { TransactionHost } from '../../../core/database/transaction-host';
import { JobScheduler } from '../../../core/scheduling/job-scheduler';

const ROLLUP_COMPACTION_JOB = 'rollup-compaction';

/** The daily roll-ups kept as logs of signed deltas (migration CreateMetricRollups), with their measures. */
const DELTA_LOGS = [
  { table: 'owner_day_orders', measures: ['orders', 'revenue'] },
  { table: 'owner_day_obligations', measures: ['due', 'fulfilled'] },
] as const;

/** Per roll-up table: the delta rows folded, and the rows they became. */
export type CompactionResult = Record<string, { folded: number; written: number }>;

/**
 * Folds each (day, owner) key's delta rows into one, in one statement per
 * table: the rows it deletes are exactly the rows it sums, so a delta a
 * writer commits meanwhile is left for the next run, never lost, and sums
 * never change. Keys that net to zero disappear. Only the read cost depends
 * on it: a figure is exact whether or not it ran.
 */
@Injectable()
export class RollupCompactionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RollupCompactionService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(ROLLUP_COMPACTION_JOB, this.config.rollupCompactionCron, () =>
      this.compact(),
    );
  }

  /** Compacts now, after any run in progress on any replica. */
  run(): Promise<CompactionResult> {
    return this.scheduler.runNow(ROLLUP_COMPACTION_JOB, () => this.compact());
  }

  private async compact(): Promise<CompactionResult> {
    const result: CompactionResult = {};
    for (const { table, measures } of DELTA_LOGS) {
      const [a, b] = measures;
      const [row] = await this.tx.query<{ folded: number; written: number }>(
        `WITH folded AS (
           DELETE FROM ${table} WHERE id IN (
             SELECT id FROM (
               SELECT id, count(*) OVER (PARTITION BY day, owner_id) AS n FROM ${table}
             ) k WHERE n > 1)
           RETURNING day, owner_id, ${a}, ${b}
         ), written AS (
           INSERT INTO ${table} (day, owner_id, ${a}, ${b})
           SELECT day, owner_id, sum(${a}), sum(${b}) FROM folded
           GROUP BY day, owner_id HAVING sum(${a}) <> 0 OR sum(${b}) <> 0
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM folded)::int AS folded,
           (SELECT count(*) FROM written)::int AS written`,
      );
      result[table] = row;
    }
    const folded = Object.values(result).some((table) => table.folded > 0);
    if (folded) this.logger.log({ result }, 'Metric roll-ups compacted');
    else this.logger.debug('Metric roll-ups already compact');
    return result;
  }
}
