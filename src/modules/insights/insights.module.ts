import { Module } from '@nestjs/common';

/**
 * Insights (API.md §11): who will order next week and why (likely-buyers/,
 * with its backtest), one timeline of a customer (journey/), and each rep's
 * strengths against the team (rep-radar/). Read-only: everything is derived
 * from the other modules' tables, in the caller's data scope.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class InsightsModule {}
