import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TransactionHost } from '../database/transaction-host';
import { CURRENT_HITS_SQL, RESET_SQL, WINDOW_START_SQL } from '../rate-limit/fixed-window';
import { Quota, quota, reportQuota, tightest } from '../rate-limit/rate-limit-headers';
import { TooManyLoginAttemptsException } from './auth.exception';

/** An IP may fail this many times more than one account, since offices share an IP. */
const IP_FACTOR = 5;

/** A bucket's failures in the current window, and the seconds until that window ends. */
interface Count {
  bucket: string;
  hits: number;
  resetSeconds: number;
}

/**
 * Counts failed logins per account and per IP in fixed windows, in PostgreSQL
 * so that every replica sees the same counts. Every answer of the login
 * carries RateLimit-* headers for the failures left (of the bucket nearest
 * its limit).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  /** The account's bucket first, then the IP's, each with the failures it allows. */
  private buckets(username: string, ip: string): Map<string, number> {
    const max = this.config.loginMaxFailures;
    return new Map([
      [`login:user:${username.toLowerCase()}`, max],
      [`login:ip:${ip}`, max * IP_FACTOR],
    ]);
  }

  /** Puts the tightest quota on the answer, and returns it. */
  private report(limits: Map<string, number>, counts: Count[]): Quota {
    const windowSeconds = this.config.loginWindowSeconds;
    const quotas = counts.map(({ bucket, hits, resetSeconds }) =>
      quota({ limit: limits.get(bucket)!, windowSeconds }, hits, resetSeconds),
    );
    reportQuota(quotas);
    return tightest(quotas);
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const limits = this.buckets(username, ip);
    const counts = await this.tx.query<Count>(CURRENT_HITS_SQL, [
      [...limits.keys()],
      this.config.loginWindowSeconds,
    ]);
    const left = this.report(limits, counts);
    if (left.remaining === 0) throw new TooManyLoginAttemptsException(left.resetSeconds);
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const limits = this.buckets(username, ip);
    const counts = await this.tx.query<Count>(
      `INSERT INTO rate_limit_counters AS r (bucket, window_start, hits)
       SELECT bucket, ${WINDOW_START_SQL}, 1 FROM unnest($1::text[]) AS bucket
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
       RETURNING bucket, hits, ${RESET_SQL} AS "resetSeconds"`,
      [[...limits.keys()], this.config.loginWindowSeconds],
    );
    this.report(limits, counts);
  }

  /** A successful login clears the account's failures; the IP's stay counted. */
  async reset(username: string, ip: string): Promise<void> {
    const limits = this.buckets(username, ip);
    const [account] = limits.keys();
    const counts = await this.tx.query<Count>(
      `WITH cleared AS (DELETE FROM rate_limit_counters WHERE bucket = $3) ${CURRENT_HITS_SQL}`,
      [[...limits.keys()], this.config.loginWindowSeconds, account],
    );
    // The SELECT saw the table as it was before the DELETE.
    this.report(
      limits,
      counts.map((count) => (count.bucket === account ? { ...count, hits: 0 } : count)),
    );
  }
}
