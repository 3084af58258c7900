import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { InvalidInputException, NotFoundException } from '../../core/errors/domain.exception';
import { SettingsService } from '../../core/settings/settings.service';
import { OrdersService } from '../contracts/orders.service';
import { customerMessages } from '../customers/customers.exception';
import { Exact } from '../quotes/domain/quote-math';
import { QuotesService } from '../quotes/quotes.service';
import { explainPolicy } from './domain/policy-formula';
import { postRebateCompliance, QuoteAmounts } from './domain/post-rebate-compliance';
import {
  CompiledPolicy,
  compilePolicy,
  presentRebate,
  RebateFigures,
  rebateFigures,
} from './domain/tier-math';
import { CalculateRebateDto, RebateCalculationResponse } from './dto/rebate-calculation.dto';
import { presentPctText } from './rebate-policies.presenter';
import { RebatePoliciesService } from './rebate-policies.service';
import {
  AmbiguousCustomerException,
  NoRebatePolicyException,
  QuoteOfAnotherCustomerException,
  rebateMessages,
} from './rebates.exception';
import { CalculationCustomer, PolicyRow, RebatesRepository } from './rebates.repository';

/** The most ids an AMBIGUOUS_CUSTOMER answer lists in `candidates`. */
const MAX_CANDIDATES = 50;

@Injectable()
export class RebateCalculatorService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: RebatesRepository,
    private readonly policies: RebatePoliciesService,
    private readonly scope: DataScopeService,
    private readonly orders: OrdersService,
    private readonly quotes: QuotesService,
    private readonly settings: SettingsService,
  ) {}

  /** API.md §7, recorded with the policy version applied, in one transaction. */
  async calculate(
    principal: Principal,
    dto: CalculateRebateDto,
  ): Promise<RebateCalculationResponse> {
    const customer = await this.customerOf(principal, dto);
    return this.tx.withTransaction(async () => {
      const { timezone, minMarginPct } = await this.settings.get();
      const policy = await this.policyFor(customer, dto.policyId, timezone);
      const totals = dto.quoteId
        ? await this.quoteTotals(principal, dto.quoteId, customer)
        : undefined;
      const ytdPurchases = await this.orders.yearToDate(customer.id);
      const compiled = compilePolicy(policy);
      const figures = rebateFigures(
        compiled,
        new Exact(ytdPurchases),
        new Exact(dto.estimatedAmount),
      );
      const result = {
        policyId: policy.id,
        policyName: policy.name,
        policyVersion: policy.version,
        formula: explainPolicy(compiled),
        ...this.presented(compiled, figures),
        // Exact, unrounded: the margin check uses it as such.
        compliance: postRebateCompliance(figures.incrementalRebate, totals, minMarginPct),
      };
      const calculationId = await this.repo.insertCalculation({
        policyId: policy.id,
        policyVersion: policy.version,
        customerId: customer.id,
        quoteId: dto.quoteId ?? null,
        estimatedAmount: dto.estimatedAmount,
        ytdPurchases,
        result,
        createdBy: principal.userId,
      });
      return { ...result, calculationId };
    });
  }

  /** The figures presented, with their percentages as JSON numbers. */
  private presented(policy: CompiledPolicy, figures: RebateFigures) {
    const presented = presentRebate(policy, figures);
    return {
      ...presented,
      effectiveRatePct: presentPctText(presented.effectiveRatePct),
      breakdown: presented.breakdown.map((row) => ({
        ...row,
        ratePct: presentPctText(row.ratePct),
      })),
    };
  }

  /** The customer named by id or exact name, in the caller's scope (not the pool). */
  private async customerOf(
    principal: Principal,
    dto: CalculateRebateDto,
  ): Promise<CalculationCustomer> {
    if ((dto.customerId === undefined) === (dto.customerName === undefined)) {
      throw new InvalidInputException([
        { field: 'customerId', message: rebateMessages.oneCustomerKey },
      ]);
    }
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const match = dto.customerId
      ? `c.id = ${params.add(dto.customerId)}`
      : `c.name = ${params.add(dto.customerName)}`;
    const found = await this.repo.findCustomers(match, params, scopeSql, MAX_CANDIDATES);
    if (found.length === 0) {
      throw new NotFoundException(customerMessages.customer, dto.customerId ?? dto.customerName);
    }
    if (found.length > 1) throw new AmbiguousCustomerException(found.map(({ id }) => id));
    return found[0];
  }

  /** The policy given, or the one for the customer's segment valid today; held until commit. */
  private async policyFor(
    customer: CalculationCustomer,
    policyId: string | undefined,
    timezone: string,
  ): Promise<PolicyRow> {
    if (policyId) return this.policies.find(policyId, 'key share');
    const active = await this.repo.findActive(customer.segment, timezone);
    if (!active) throw new NoRebatePolicyException(customer.segment);
    return active;
  }

  /** The quote's totals: 404 outside the caller's scope, 422 for another customer's quote. */
  private async quoteTotals(
    principal: Principal,
    quoteId: string,
    customer: CalculationCustomer,
  ): Promise<QuoteAmounts> {
    const quote = await this.quotes.get(principal, quoteId, 'en');
    if (quote.customerId !== customer.id) throw new QuoteOfAnotherCustomerException();
    return quote.totals;
  }
}
