import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ErpSyncModule } from '../erp-sync/erp-sync.module';
import { QuotesModule } from '../quotes/quotes.module';
import { ContractsController, OrdersController } from './contracts.controller';
import { ContractsDemoSeeder } from './contracts.demo-seeder';
import { ContractsRepository } from './contracts.repository';
import { ContractsService } from './contracts.service';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

/**
 * Contracts signed from approved quotes, each with its order and its ERP sync
 * job in one transaction, and the orders POS terminals and integrators report.
 */
@Module({
  imports: [CustomersModule, QuotesModule, ErpSyncModule],
  controllers: [ContractsController, OrdersController],
  providers: [
    ContractsService,
    ContractsRepository,
    OrdersService,
    OrdersRepository,
    ContractsDemoSeeder,
  ],
  exports: [OrdersService, ContractsService],
})
export class ContractsModule {}
