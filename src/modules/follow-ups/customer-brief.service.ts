import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { CustomersService, toCustomerResponse } from '../customers/customers.service';
import { OrdersService } from '../contracts/orders.service';
import { QuotesService } from '../quotes/quotes.service';
import { silentHours } from './domain/silence';
import { CustomerBriefResponse } from './dto/customer-brief.dto';
import { FollowUpsRepository } from './follow-ups.repository';
import { toFollowUpResponse } from './follow-ups.service';

const BRIEF_FOLLOW_UPS = 3;

/**
 * The customer brief: a fixed handful of queries whatever the history (the
 * customer, its last three follow-ups with their stored objections, its open
 * quotes, its purchases this year), never one per touch.
 */
@Injectable()
export class CustomerBriefService {
  constructor(
    private readonly customers: CustomersService,
    private readonly followUps: FollowUpsRepository,
    private readonly quotes: QuotesService,
    private readonly orders: OrdersService,
  ) {}

  async brief(principal: Principal, customerId: string): Promise<CustomerBriefResponse> {
    const customer = await this.customers.findWorkable(principal, customerId);
    const lastFollowUps = await this.followUps.listForCustomer(customer.id, BRIEF_FOLLOW_UPS);
    return {
      customer: toCustomerResponse(customer, principal),
      tags: customer.tags,
      lastInteractionAt: customer.lastInteractionAt?.toISOString() ?? null,
      silentHours: silentHours(customer.lastInteractionAt, customer.createdAt, new Date()),
      lastFollowUps: lastFollowUps.map(toFollowUpResponse),
      openQuotes: await this.quotes.openForCustomer(customer.id),
      ytdPurchases: await this.orders.yearToDate(customer.id),
    };
  }
}
