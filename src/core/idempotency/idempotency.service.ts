import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { tryWithTransactionLock } from '../database/advisory-lock';
import { TransactionHost } from '../database/transaction-host';
import { IdempotencyKeyReusedException, RETENTION_HOURS } from './idempotency';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  callerKey: string;
  key: string;
  fingerprint: string;
}

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(private readonly tx: TransactionHost) {}

  /**
   * Runs `execute` at most once per (caller, key) within the retention window.
   *
   * The key row is inserted in the same transaction as the handler's writes and
   * its response. A concurrent request with the same key blocks on that row
   * until the first commits, then replays its answer; if the first fails and
   * rolls back, the second runs instead. A crash can never leave a key that
   * claims success without the writes, or writes without the key.
   */
  async run(
    request: IdempotentRequest,
    execute: () => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    return this.tx.withTransaction(async () => {
      const previous = await this.findCompleted(request);
      if (previous) return { ...previous, replayed: true };
      const response = await execute();
      await this.tx.query(
        `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb
         WHERE caller_key = $1 AND key = $2`,
        [request.callerKey, request.key, response.status, JSON.stringify(response.body ?? null)],
      );
      return { ...response, replayed: false };
    });
  }

  /** Reserves the key, or returns the stored answer of its first use. */
  private async findCompleted(request: IdempotentRequest): Promise<StoredResponse | undefined> {
    const reserved = await this.tx.query(
      `INSERT INTO idempotency_keys (caller_key, key, request_hash, response_status)
       VALUES ($1, $2, $3, 0)
       ON CONFLICT (caller_key, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = 0, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
       RETURNING 1`,
      [request.callerKey, request.key, request.fingerprint, RETENTION_HOURS],
    );
    if (reserved.length) return undefined;
    const [stored] = await this.tx.query<{ requestHash: string; status: number; body: unknown }>(
      `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body
       FROM idempotency_keys WHERE caller_key = $1 AND key = $2`,
      [request.callerKey, request.key],
    );
    if (stored.requestHash !== request.fingerprint) throw new IdempotencyKeyReusedException();
    return { status: stored.status, body: stored.body };
  }

  /** Expired keys are dead weight; one replica purges them each hour. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-purge' })
  async purgeExpired(): Promise<void> {
    const deleted = await tryWithTransactionLock(this.tx, 'idempotency-purge', async () => {
      const [{ count }] = await this.tx.query<{ count: number }>(
        `WITH purged AS (
           DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1
         ) SELECT count(*)::int AS count FROM purged`,
        [RETENTION_HOURS],
      );
      return count;
    });
    if (deleted) this.logger.log(`Purged ${deleted} expired idempotency keys`);
  }
}
