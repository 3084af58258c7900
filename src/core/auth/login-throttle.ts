import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TransactionHost } from '../database/transaction-host';
import { RETRY_AFTER_SQL, WINDOW_START_SQL } from '../rate-limit/fixed-window';
import { TooManyLoginAttemptsException } from './auth.exception';

/** An IP may fail this many times more than one account, since offices share an IP. */
const IP_FACTOR = 5;

/**
 * Counts failed logins per account and per IP in fixed windows, in PostgreSQL
 * so that every replica sees the same counts.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  private buckets(username: string, ip: string): [string, number][] {
    const max = this.config.loginMaxFailures;
    return [
      [`login:user:${username.toLowerCase()}`, max],
      [`login:ip:${ip}`, max * IP_FACTOR],
    ];
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const buckets = this.buckets(username, ip);
    const rows = await this.tx.query<{ bucket: string; hits: number; retryAfter: number }>(
      `SELECT bucket, hits, ${RETRY_AFTER_SQL} AS "retryAfter"
       FROM rate_limit_counters
       WHERE bucket = ANY($1) AND window_start = ${WINDOW_START_SQL}`,
      [buckets.map(([bucket]) => bucket), this.config.loginWindowSeconds],
    );
    const blocked = rows.find((row) => row.hits >= new Map(buckets).get(row.bucket)!);
    if (blocked) throw new TooManyLoginAttemptsException(Math.max(1, blocked.retryAfter));
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO rate_limit_counters (bucket, window_start, hits)
       SELECT bucket, ${WINDOW_START_SQL}, 1 FROM unnest($1::text[]) AS bucket
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1`,
      [this.buckets(username, ip).map(([bucket]) => bucket), this.config.loginWindowSeconds],
    );
  }

  async reset(username: string, ip: string): Promise<void> {
    await this.tx.query(`DELETE FROM rate_limit_counters WHERE bucket = $1`, [
      this.buckets(username, ip)[0][0],
    ]);
  }
}
