import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { tryWithTransactionLock } from '../database/advisory-lock';
import { TransactionHost } from '../database/transaction-host';

/** No window is longer than a day; older counters only take space. */
const KEEP_HOURS = 24;

@Injectable()
export class RateLimitPurgeJob {
  private readonly logger = new Logger(RateLimitPurgeJob.name);

  constructor(private readonly tx: TransactionHost) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'rate-limit-purge' })
  async purge(): Promise<void> {
    const deleted = await tryWithTransactionLock(this.tx, 'rate-limit-purge', async () => {
      const rows = await this.tx.query(
        `DELETE FROM rate_limit_counters WHERE window_start < now() - make_interval(hours => $1)
         RETURNING 1`,
        [KEEP_HOURS],
      );
      return rows.length;
    });
    if (deleted) this.logger.log(`Purged ${deleted} expired rate-limit counters`);
  }
}
