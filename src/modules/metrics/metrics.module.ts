import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { QuotesModule } from '../quotes/quotes.module';
import { TodosModule } from '../todos/todos.module';
import { FunnelAnomalyDemoSeeder } from './anomaly/funnel-anomaly.demo-seeder';
import { AnomalyRepository } from './anomaly/anomaly.repository';
import {
  AnomalyPrecisionController,
  FunnelAnomalyJobController,
} from './anomaly/funnel-anomaly.controller';
import { FunnelAnomalyService } from './anomaly/funnel-anomaly.service';
import { ComplianceController } from './compliance/compliance.controller';
import { ComplianceRepository } from './compliance/compliance.repository';
import { ComplianceService } from './compliance/compliance.service';
import { CustomFieldMetricController } from './custom-field/custom-field-metric.controller';
import { CustomFieldMetricRepository } from './custom-field/custom-field-metric.repository';
import { CustomFieldMetricService } from './custom-field/custom-field-metric.service';
import { FirstResponseController } from './first-response/first-response.controller';
import { FirstResponseRepository } from './first-response/first-response.repository';
import { FirstResponseService } from './first-response/first-response.service';
import { FunnelController } from './funnel/funnel.controller';
import { FunnelRepository } from './funnel/funnel.repository';
import { FunnelService } from './funnel/funnel.service';
import { HeatmapController } from './heatmap/heatmap.controller';
import { HeatmapDemoSeeder } from './heatmap/heatmap.demo-seeder';
import { HeatmapRepository } from './heatmap/heatmap.repository';
import { HeatmapService } from './heatmap/heatmap.service';
import { RepurchaseController } from './repurchase/repurchase.controller';
import { RepurchaseDemoSeeder } from './repurchase/repurchase.demo-seeder';
import { RepurchaseRepository } from './repurchase/repurchase.repository';
import { RepurchaseService } from './repurchase/repurchase.service';
import { RollupCompactionService } from './rollups/rollup-compaction.service';
import { UnitMetricsService } from './unit-metrics.service';

/**
 * Metrics and alerts (API.md §8): first response, compliance, the funnel and
 * its anomaly job, the performance heatmap, repurchase rates and the counts of
 * custom-field values. Each metric
 * is one set-based statement in the caller's data scope, over a half-open
 * range of days in the organisation's time zone (metric-range.ts). The
 * first-response and compliance statements are exported for the rep radar,
 * which ranks a team by them.
 */
@Module({
  imports: [
    TodosModule,
    QuotesModule,
    ContractsModule,
    FollowUpsModule,
    NotificationsModule,
    CustomFieldsModule,
  ],
  controllers: [
    FirstResponseController,
    ComplianceController,
    FunnelController,
    FunnelAnomalyJobController,
    AnomalyPrecisionController,
    HeatmapController,
    RepurchaseController,
    CustomFieldMetricController,
  ],
  providers: [
    FirstResponseService,
    FirstResponseRepository,
    ComplianceRepository,
    ComplianceService,
    FunnelRepository,
    FunnelService,
    AnomalyRepository,
    FunnelAnomalyService,
    FunnelAnomalyDemoSeeder,
    HeatmapService,
    HeatmapRepository,
    HeatmapDemoSeeder,
    RepurchaseService,
    RepurchaseRepository,
    RepurchaseDemoSeeder,
    RollupCompactionService,
    CustomFieldMetricService,
    CustomFieldMetricRepository,
    UnitMetricsService,
  ],
  exports: [UnitMetricsService, FirstResponseRepository, ComplianceRepository],
})
export class MetricsModule {}
