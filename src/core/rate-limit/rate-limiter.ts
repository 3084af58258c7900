import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import { Text } from '../i18n/text';
import { RESET_SQL, WINDOW_START_SQL } from './fixed-window';
import { quota, reportQuota } from './rate-limit-headers';

const TOO_MANY_REQUESTS: Text = {
  en: 'Too many requests; try again later',
  zh: '请求过于频繁，请稍后再试',
};

export class RateLimitedException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', CommonErrorCode.RATE_LIMITED, TOO_MANY_REQUESTS, {
      headers: { 'retry-after': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds },
    });
  }
}

export interface RateLimit {
  /** Most hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Limits hits per bucket (e.g. a public endpoint per client IP) across all
 * replicas. A hit is counted and checked in one statement, outside the
 * caller's transaction, so a request that fails later still counts. The
 * answer carries the bucket's RateLimit-* headers.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly tx: TransactionHost) {}

  async consume(bucket: string, limit: RateLimit): Promise<void> {
    const [{ hits, resetSeconds }] = await this.tx.detached(() =>
      this.tx.query<{ hits: number; resetSeconds: number }>(
        `INSERT INTO rate_limit_counters AS r (bucket, window_start, hits)
         VALUES ($1, ${WINDOW_START_SQL}, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
         RETURNING hits, ${RESET_SQL} AS "resetSeconds"`,
        [bucket, limit.windowSeconds],
      ),
    );
    const left = quota(limit, hits, resetSeconds);
    reportQuota([left]);
    if (hits > limit.limit) throw new RateLimitedException(left.resetSeconds);
  }
}
