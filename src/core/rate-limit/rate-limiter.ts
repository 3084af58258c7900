import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import { RETRY_AFTER_SQL, WINDOW_START_SQL } from './fixed-window';

export class RateLimitedException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', CommonErrorCode.RATE_LIMITED, 'Too many requests; try again later', {
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
 * caller's transaction, so a request that fails later still counts.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly tx: TransactionHost) {}

  async consume(bucket: string, { limit, windowSeconds }: RateLimit): Promise<void> {
    const [{ hits, retryAfter }] = await this.tx.detached(() =>
      this.tx.query<{ hits: number; retryAfter: number }>(
        `INSERT INTO rate_limit_counters AS r (bucket, window_start, hits)
         VALUES ($1, ${WINDOW_START_SQL}, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
         RETURNING hits, ${RETRY_AFTER_SQL} AS "retryAfter"`,
        [bucket, windowSeconds],
      ),
    );
    if (hits > limit) throw new RateLimitedException(Math.max(1, retryAfter));
  }
}
