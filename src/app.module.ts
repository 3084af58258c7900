import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './core/audit/audit.module';
import { AuthModule } from './core/auth/auth.module';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { HealthModule } from './core/health/health.module';
import { IdempotencyModule } from './core/idempotency/idempotency.module';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { QueueModule } from './core/queue/queue.module';
import { SchedulingModule } from './core/scheduling/scheduling.module';
import { SeedModule } from './core/seed/seed.module';
import { SettingsModule } from './core/settings/settings.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { CustomerImportsModule } from './modules/customers/import/customer-imports.module';
import { CustomersModule } from './modules/customers/customers.module';
import { CustomFieldsModule } from './modules/custom-fields/custom-fields.module';
import { ErpReconcileModule } from './modules/erp-sync/reconcile/erp-reconcile.module';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module';
import { InquiriesModule } from './modules/inquiries/inquiries.module';
import { InsightsModule } from './modules/insights/insights.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrgModule } from './modules/org/org.module';
import { PlaybooksModule } from './modules/playbooks/playbooks.module';
import { ProductsModule } from './modules/products/products.module';
import { QuotesModule } from './modules/quotes/quotes.module';
import { RebatesModule } from './modules/rebates/rebates.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { ErpStockModule } from './modules/erp-sync/stock/erp-stock.module';
import { ErpSyncModule } from './modules/erp-sync/erp-sync.module';
import { SignalsModule } from './modules/signals/signals.module';
import { TicketsModule } from './modules/tickets/tickets.module';
import { TodosModule } from './modules/todos/todos.module';
import { KnowledgeBaseModule } from './modules/knowledge-base/knowledge-base.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ...(config.schedulerEnabled ? [ScheduleModule.forRoot()] : []),
        DatabaseModule,
        RateLimitModule,
        SchedulingModule,
        QueueModule,
        AuditModule,
        AuthModule,
        IdempotencyModule,
        SettingsModule,
        HealthModule,
        SeedModule,
        OrgModule,
        CustomersModule,
        CustomerImportsModule,
        CustomFieldsModule,
        AttachmentsModule,
        PlaybooksModule,
        ProductsModule,
        QuotesModule,
        ContractsModule,
        RebatesModule,
        ErpStockModule,
        ErpSyncModule,
        ErpReconcileModule,
        TodosModule,
        FollowUpsModule,
        SignalsModule,
        InquiriesModule,
        MetricsModule,
        AlertsModule,
        KnowledgeBaseModule,
        NotificationsModule,
        TicketsModule,
        InsightsModule,
      ],
    };
  }
}
