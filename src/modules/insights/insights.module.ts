import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { JourneyController } from './journey/journey.controller';
import { JourneyRepository } from './journey/journey.repository';
import { JourneyService } from './journey/journey.service';

/**
 * Insights (API.md §11): who will order next week and why (likely-buyers/,
 * with its backtest), one timeline of a customer (journey/), and each rep's
 * strengths against the team (rep-radar/). Read-only: everything is derived
 * from the other modules' tables, in the caller's data scope.
 */
@Module({
  imports: [CustomersModule],
  controllers: [JourneyController],
  providers: [JourneyService, JourneyRepository],
})
export class InsightsModule {}
