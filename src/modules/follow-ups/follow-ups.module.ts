import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { CustomersModule } from '../customers/customers.module';
import { ContractsModule } from '../contracts/contracts.module';
import { QuotesModule } from '../quotes/quotes.module';
import { TodosModule } from '../todos/todos.module';
import { ConfirmationsRepository } from './confirmations.repository';
import { ConfirmationsService } from './confirmations.service';
import { CustomerBriefService } from './customer-brief.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsDemoSeeder } from './follow-ups.demo-seeder';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';
import { ObligationsRepository } from './obligations.repository';
import { PublicConfirmationsController } from './public-confirmations.controller';
import { SilentPeriodController } from './silent-period.controller';
import { SilentPeriodService } from './silent-period.service';

/**
 * The follow-up loop: touches with evidence, objections, obligations, the
 * customer brief, confirmation links, and the silent-period alerts.
 */
@Module({
  imports: [
    CustomersModule,
    CustomFieldsModule,
    AttachmentsModule,
    TodosModule,
    QuotesModule,
    ContractsModule,
  ],
  controllers: [FollowUpsController, PublicConfirmationsController, SilentPeriodController],
  providers: [
    FollowUpsService,
    FollowUpsRepository,
    ObligationsRepository,
    CustomerBriefService,
    ConfirmationsService,
    ConfirmationsRepository,
    SilentPeriodService,
    FollowUpsDemoSeeder,
  ],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
