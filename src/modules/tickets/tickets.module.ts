import { Module, OnModuleInit } from '@nestjs/common';
import { CustomerFollowers } from '../customers/customer-followers';
import { CustomersModule } from '../customers/customers.module';
import { TodosModule } from '../todos/todos.module';
import { TicketSlaService } from './ticket-sla.service';
import { TicketsController, TicketSlaController } from './tickets.controller';
import { TicketsDemoSeeder } from './tickets.demo-seeder';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

/**
 * Tickets (API.md §9): customers' complaints, reorders and questions, their
 * replies and status flow, in the data scope of the customer, with a
 * first-response SLA whose breaches go to the assignee's supervisor.
 */
@Module({
  imports: [CustomersModule, TodosModule],
  controllers: [TicketsController, TicketSlaController],
  providers: [TicketsService, TicketsRepository, TicketSlaService, TicketsDemoSeeder],
  exports: [TicketsService],
})
export class TicketsModule implements OnModuleInit {
  constructor(
    private readonly followers: CustomerFollowers,
    private readonly tickets: TicketsService,
  ) {}

  /** Tickets not yet closed follow their customer to a new owner (transfer, claim, handover). */
  onModuleInit(): void {
    this.followers.register('tickets', {
      follow: (principal, customerIds, toUserId) =>
        this.tickets.followCustomers(principal, customerIds, toUserId),
    });
  }
}
