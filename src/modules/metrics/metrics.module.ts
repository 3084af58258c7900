import { Module } from '@nestjs/common';
import { FirstResponseController } from './first-response/first-response.controller';
import { FirstResponseRepository } from './first-response/first-response.repository';
import { FirstResponseService } from './first-response/first-response.service';
import { HeatmapController } from './heatmap/heatmap.controller';
import { HeatmapRepository } from './heatmap/heatmap.repository';
import { HeatmapService } from './heatmap/heatmap.service';
import { RepurchaseController } from './repurchase/repurchase.controller';
import { RepurchaseRepository } from './repurchase/repurchase.repository';
import { RepurchaseService } from './repurchase/repurchase.service';

/**
 * Metrics and alerts (API.md §8): first response, compliance, the funnel and
 * its anomaly job, the performance heatmap and repurchase rates. Each metric
 * is one set-based statement in the caller's data scope, over a half-open
 * range of days in the organisation's time zone (metric-range.ts).
 */
@Module({
  imports: [],
  controllers: [FirstResponseController, HeatmapController, RepurchaseController],
  providers: [
    FirstResponseService,
    FirstResponseRepository,
    HeatmapService,
    HeatmapRepository,
    RepurchaseService,
    RepurchaseRepository,
  ],
  exports: [RepurchaseService],
})
export class MetricsModule {}
