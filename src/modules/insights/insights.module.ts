import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { CustomersModule } from '../customers/customers.module';
import { MetricsModule } from '../metrics/metrics.module';
import { JourneyController } from './journey/journey.controller';
import { JourneyRepository } from './journey/journey.repository';
import { JourneyService } from './journey/journey.service';
import { LikelyBuyersController } from './likely-buyers/likely-buyers.controller';
import { LikelyBuyersDemoSeeder } from './likely-buyers/likely-buyers.demo-seeder';
import { LikelyBuyersRepository } from './likely-buyers/likely-buyers.repository';
import { LikelyBuyersService } from './likely-buyers/likely-buyers.service';
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
  imports: [ContractsModule, CustomersModule, MetricsModule],
  controllers: [LikelyBuyersController, JourneyController, RepRadarController],
  providers: [
    LikelyBuyersService,
    LikelyBuyersRepository,
    LikelyBuyersDemoSeeder,
    JourneyService,
    JourneyRepository,
    RepRadarService,
    RepRadarRepository,
  ],
})
export class InsightsModule {}
