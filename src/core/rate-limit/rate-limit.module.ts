import { Global, Module } from '@nestjs/common';
import { RateLimitPurgeJob } from './rate-limit-purge.job';
import { RateLimiter } from './rate-limiter';

/** Database-backed rate limits, so every replica counts the same hits. */
@Global()
@Module({
  providers: [RateLimiter, RateLimitPurgeJob],
  exports: [RateLimiter],
})
export class RateLimitModule {}
