import { Module, OnModuleInit } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { CustomerFollowers } from '../customers/customer-followers';
import { CustomersModule } from '../customers/customers.module';
import { ProductsModule } from '../products/products.module';
import { TodosModule } from '../todos/todos.module';
import { ApprovalPoliciesService } from './approval-policies.service';
import { ApprovalPoliciesController, ApprovalsController } from './approvals.controller';
import { ApprovalsRepository } from './approvals.repository';
import { ApprovalsService } from './approvals.service';
import { loadQuotePdfFonts } from './pdf/quote-pdf';
import { QuotePdfService } from './quote-pdf.service';
import { QuotePricer } from './quote-pricer';
import { QuoteTemplatesController } from './quote-templates.controller';
import { QuoteTemplatesRepository } from './quote-templates.repository';
import { QuoteTemplatesService } from './quote-templates.service';
import { QuotesController } from './quotes.controller';
import { QuotesDemoSeeder } from './quotes.demo-seeder';
import { QuotesRepository } from './quotes.repository';
import { QuotesService } from './quotes.service';

/**
 * The quote workbench and its approval chain: quotes priced on the product
 * library behind a floor lock, immutable versions, templates, the approval
 * policy, and the steps that deciders work through in order; and the quote
 * PDF, the deliverable, kept as an attachment.
 */
@Module({
  imports: [CustomersModule, CustomFieldsModule, ProductsModule, TodosModule, AttachmentsModule],
  controllers: [
    QuotesController,
    QuoteTemplatesController,
    ApprovalsController,
    ApprovalPoliciesController,
  ],
  providers: [
    QuotesService,
    QuotesRepository,
    QuotePdfService,
    QuotePricer,
    QuoteTemplatesService,
    QuoteTemplatesRepository,
    ApprovalsService,
    ApprovalsRepository,
    ApprovalPoliciesService,
    QuotesDemoSeeder,
  ],
  exports: [QuotesService],
})
export class QuotesModule implements OnModuleInit {
  constructor(
    private readonly followers: CustomerFollowers,
    private readonly quotes: QuotesService,
  ) {}

  /**
   * Open quotes follow their customer to a new owner (transfer, claim,
   * handover) or are withdrawn from approval when it goes back to the pool;
   * and the PDF fonts are parsed now, once, not on a request.
   */
  onModuleInit(): void {
    loadQuotePdfFonts();
    this.followers.register('quotes', {
      follow: (principal, customerIds, toUserId) =>
        this.quotes.followCustomers(principal, customerIds, toUserId),
    });
  }
}
