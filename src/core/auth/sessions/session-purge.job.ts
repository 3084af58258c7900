import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { tryWithTransactionLock } from '../../database/advisory-lock';
import { TransactionHost } from '../../database/transaction-host';

/**
 * Every refresh adds a token row, so rows that can no longer matter go:
 * expired tokens (a used one is kept until then, to recognise its reuse), and
 * sessions with no token left. Such a session's access tokens expired long
 * before: a refresh token outlives any access token.
 */
@Injectable()
export class SessionPurgeJob {
  private readonly logger = new Logger(SessionPurgeJob.name);

  constructor(private readonly tx: TransactionHost) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'session-purge' })
  async purge(): Promise<void> {
    const purged = await tryWithTransactionLock(this.tx, 'session-purge', async () => {
      const tokens = await this.tx.query(
        'DELETE FROM refresh_tokens WHERE expires_at < now() RETURNING 1',
      );
      // Only a purge leaves a session without tokens (a login writes both in one statement);
      // skipping the DELETE otherwise spares every replica's principal cache its trigger.
      if (!tokens.length) return undefined;
      const sessions = await this.tx.query(
        `DELETE FROM sessions s
         WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id) RETURNING 1`,
      );
      return { tokens: tokens.length, sessions: sessions.length };
    });
    if (purged) this.logger.log(purged, 'Purged expired refresh tokens and sessions');
  }
}
