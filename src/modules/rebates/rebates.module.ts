import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { QuotesModule } from '../quotes/quotes.module';
import { RebateCalculatorService } from './rebate-calculator.service';
import { RebatePoliciesService } from './rebate-policies.service';
import { RebatePoliciesController, RebatesController } from './rebates.controller';
import { RebatesDemoSeeder } from './rebates.demo-seeder';
import { RebatesRepository } from './rebates.repository';

/** The rebate calculator (API.md §7): policies with their versions, simulations and calculations. */
@Module({
  imports: [ContractsModule, QuotesModule],
  controllers: [RebatePoliciesController, RebatesController],
  providers: [RebatePoliciesService, RebateCalculatorService, RebatesRepository, RebatesDemoSeeder],
})
export class RebatesModule {}
