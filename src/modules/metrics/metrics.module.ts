import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { FirstResponseController } from './first-response/first-response.controller';
import { FirstResponseRepository } from './first-response/first-response.repository';
import { FirstResponseService } from './first-response/first-response.service';
import { HeatmapController } from './heatmap/heatmap.controller';
import { HeatmapDemoSeeder } from './heatmap/heatmap.demo-seeder';
import { HeatmapRepository } from './heatmap/heatmap.repository';
import { HeatmapService } from './heatmap/heatmap.service';
import { RepurchaseController } from './repurchase/repurchase.controller';
import { RepurchaseDemoSeeder } from './repurchase/repurchase.demo-seeder';
import { RepurchaseRepository } from './repurchase/repurchase.repository';
import { RepurchaseService } from './repurchase/repurchase.service';

/**
 * Metrics and alerts (API.md §8): first response, compliance, the funnel and
 * its anomaly job, the performance heatmap and repurchase rates. Each metric
 * is one set-based statement in the caller's data scope, over a half-open
 * range of days in the organisation's time zone (metric-range.ts).
 */
@Module({
  imports: [ContractsModule],
  controllers: [FirstResponseController, HeatmapController, RepurchaseController],
  providers: [
    FirstResponseService,
    FirstResponseRepository,
    HeatmapService,
    HeatmapRepository,
    HeatmapDemoSeeder,
    RepurchaseService,
    RepurchaseRepository,
    RepurchaseDemoSeeder,
  ],
  exports: [RepurchaseService],
})
export class MetricsModule {}
