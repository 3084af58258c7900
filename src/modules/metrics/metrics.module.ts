import { Module } from '@nestjs/common';

/**
 * Metrics and alerts (API.md §8): first response, compliance, the funnel and
 * its anomaly job, the performance heatmap and repurchase rates. Each metric
 * is one set-based statement in the caller's data scope, over a half-open
 * range of days in the organisation's time zone (metric-range.ts).
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class MetricsModule {}
