import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { RepRadarController } from './rep-radar/rep-radar.controller';
import { RepRadarRepository } from './rep-radar/rep-radar.repository';
import { RepRadarService } from './rep-radar/rep-radar.service';

/**
 * Insights (API.md §11): who will order next week and why (likely-buyers/,
 * with its backtest), one timeline of a customer (journey/), and each rep's
 * strengths against the team (rep-radar/). Read-only: everything is derived
 * from the other modules' tables, in the caller's data scope.
 */
@Module({
  imports: [MetricsModule],
  controllers: [RepRadarController],
  providers: [RepRadarService, RepRadarRepository],
})
export class InsightsModule {}
