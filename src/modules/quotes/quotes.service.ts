import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Language } from '../../core/i18n/text';
import { SettingsService } from '../../core/settings/settings.service';
import { CustomerInPoolException } from '../customers/customers.exception';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { CustomersService } from '../customers/customers.service';
import { fixedTransition, nextStatus, QuoteEvent } from './domain/quote-status';
import {
  CreateQuoteDto,
  LoseQuoteDto,
  QuotePage,
  QuoteQueryDto,
  QuoteResponse,
  QuoteSummaryResponse,
  QuoteVersionResponse,
  UpdateQuoteDto,
} from './dto/quote.dto';
import { ApprovalsService } from './approvals.service';
import { LineRequest, PricedQuote, QuotePricer } from './quote-pricer';
import { QuoteTemplatesService } from './quote-templates.service';
import {
  QUOTE_LIST,
  QuoteRow,
  QuotesRepository,
  QuoteSummaryRow,
  QuoteVersionRow,
  VersionContent,
} from './quotes.repository';
import { IllegalTransitionException, quoteMessages } from './quotes.exception';

export function toQuoteSummary(row: QuoteSummaryRow, language: Language): QuoteSummaryResponse {
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    status: row.status,
    customerId: row.customerId,
    ownerId: row.ownerId,
    totals: row.totals,
    approvalRequired: row.approvalRequired,
    approvalReason: row.approvalReason[language],
    validUntil: row.validUntil,
    lostReason: row.lostReason,
    lostAt: row.lostAt?.toISOString() ?? null,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toQuoteResponse(row: QuoteRow, language: Language): QuoteResponse {
  return {
    ...toQuoteSummary(row, language),
    lines: row.lines,
    note: row.note,
    templateId: row.templateId,
  };
}

function toVersionResponse(row: QuoteVersionRow, language: Language): QuoteVersionResponse {
  return {
    quoteId: row.quoteId,
    number: row.number,
    version: row.version,
    lines: row.lines,
    totals: row.totals,
    approvalRequired: row.approvalRequired,
    approvalReason: row.approvalReason[language],
    validUntil: row.validUntil,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A quote as a customer's brief lists it. */
export interface OpenQuote {
  id: string;
  number: string;
  version: number;
  status: 'draft' | 'pending_approval' | 'approved';
  amount: string;
  amountWithTax: string;
  validUntil: string | null;
}

/** A version's content from freshly priced lines and its terms. */
function contentOf(
  priced: PricedQuote,
  terms: { validUntil: string | null; note: string | null; templateId: string | null },
): VersionContent {
  return {
    lines: priced.lines,
    totals: priced.totals,
    approvalRequired: priced.approval.required,
    approvalReason: priced.approval.reason,
    ...terms,
  };
}

/** A field a PATCH may leave out (keep), set, or set to null (clear). */
/** A contract wins its quote: approved → won. */
const WIN = fixedTransition('win')!;

const patched = <T>(sent: T | null | undefined, kept: T | null): T | null =>
  sent === undefined ? kept : sent;

/**
 * The quote workbench (API.md §5): quotes priced on the library and held to
 * the floor lock, a new immutable version on every edit, and the status
 * moved only through the transition table (domain/quote-status.ts).
 */
@Injectable()
export class QuotesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly quotes: QuotesRepository,
    private readonly pricer: QuotePricer,
    private readonly templates: QuoteTemplatesService,
    private readonly approvals: ApprovalsService,
    private readonly customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
  ) {}

  /**
   * Quotes a customer that the caller owns or manages (a pool customer must be
   * claimed first), from lines or from a template.
   */
  async create(
    principal: Principal,
    dto: CreateQuoteDto,
    language: Language,
  ): Promise<QuoteResponse> {
    return this.tx.withTransaction(async () => {
      const customer = await this.customers.findWorkable(principal, dto.customerId);
      if (customer.ownerId === null) throw new CustomerInPoolException();
      const customFields = dto.customFields ?? {};
      await this.customFields.assertValid('quote', customFields);
      const requests: LineRequest[] = dto.templateId
        ? await this.templates.linesOf(dto.templateId)
        : dto.lines!;
      const priced = await this.pricer.price(requests);
      const content = contentOf(priced, {
        validUntil: dto.validUntil ?? null,
        note: dto.note ?? null,
        templateId: dto.templateId ?? null,
      });
      const { timezone } = await this.settings.get();
      const quote = await this.quotes.insert(
        { customerId: customer.id, ownerId: customer.ownerId, timeZone: timezone, customFields },
        content,
        principal.userId,
      );
      await this.record(principal, quote, 'created', { templateId: content.templateId });
      return toQuoteResponse(quote, language);
    });
  }

  async list(principal: Principal, query: QuoteQueryDto, language: Language): Promise<QuotePage> {
    const plan = await QUOTE_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'c.owner_id', params)];
    if (query.customerId)
      where.push(`q.customer_id = ANY (${params.add(query.customerId)}::uuid[])`);
    if (query.status) where.push(`q.status = ANY (${params.add(query.status)}::text[])`);
    if (query.ownerId) where.push(`q.owner_id = ANY (${params.add(query.ownerId)}::uuid[])`);
    where.push(...plan.where(params));
    const rows = await this.quotes.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, (row) => toQuoteSummary(row, language));
  }

  async get(principal: Principal, id: string, language: Language): Promise<QuoteResponse> {
    return toQuoteResponse(await this.find(principal, id), language);
  }

  /** Every version, oldest first, as each was saved. */
  async versions(
    principal: Principal,
    id: string,
    language: Language,
  ): Promise<QuoteVersionResponse[]> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const rows = await this.quotes.versions(id, params, scopeSql);
    if (!rows.length) throw new NotFoundException(quoteMessages.quote, id);
    return rows.map((row) => toVersionResponse(row, language));
  }

  async version(
    principal: Principal,
    id: string,
    version: number,
    language: Language,
  ): Promise<QuoteVersionResponse> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.quotes.version(id, version, params, scopeSql);
    if (!row) throw new NotFoundException(quoteMessages.quoteVersion, `${id} v${version}`);
    return toVersionResponse(row, language);
  }

  /**
   * Writes version n+1: new lines (or the old ones priced on today's
   * products), validity or note. A pending or approved quote loses its
   * approval and is a draft again; a won or lost one cannot change.
   */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateQuoteDto,
    expectedVersion: number | undefined,
    language: Language,
  ): Promise<QuoteResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.find(principal, id, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(quoteMessages.quote, expectedVersion, current.version);
      }
      const status = this.assertTransition(current, { type: 'edit' });
      const priced = await this.pricer.price(dto.lines ?? current.lines);
      const content = contentOf(priced, {
        validUntil: patched(dto.validUntil, current.validUntil),
        note: patched(dto.note, current.note),
        templateId: current.templateId,
      });
      if (current.status === 'pending_approval') await this.approvals.cancelUndecided(current);
      const version = current.version + 1;
      await this.quotes.insertVersion(id, version, content, principal.userId);
      await this.quotes.setLatest(id, version, content, status);
      const quote = (await this.quotes.lockById(id))!;
      await this.record(principal, quote, 'edited', { from: current.status });
      return toQuoteResponse(quote, language);
    });
  }

  /**
   * Submits the latest version: priced again on today's products (the floor
   * lock), then approved at once when no discount needs a chain, or sent
   * down the chain that today's policy names.
   */
  async submit(principal: Principal, id: string, language: Language): Promise<QuoteResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.find(principal, id, true);
      const priced = await this.pricer.price(current.lines);
      const need = priced.approval;
      const status = this.assertTransition(current, {
        type: 'submit',
        approvalRequired: need.required,
      });
      await this.quotes.transition(id, current.status, status, {
        submitApproval: { required: need.required, reason: need.reason },
      });
      if (need.required) await this.approvals.startChain(current, need.rule.chain);
      const quote = (await this.quotes.lockById(id))!;
      await this.record(principal, quote, 'submitted', {
        approvalRequired: need.required,
        chain: need.required ? need.rule.chain : [],
      });
      return toQuoteResponse(quote, language);
    });
  }

  /** Marks the quote lost, with the reason metrics group losses by; a pending chain ends. */
  async lose(
    principal: Principal,
    id: string,
    dto: LoseQuoteDto,
    language: Language,
  ): Promise<QuoteResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.find(principal, id, true);
      const status = this.assertTransition(current, { type: 'lose' });
      if (current.status === 'pending_approval') await this.approvals.cancelUndecided(current);
      const at = dto.at ?? new Date().toISOString();
      await this.quotes.transition(id, current.status, status, {
        lost: { reason: dto.reason, at },
      });
      const quote = (await this.quotes.lockById(id))!;
      await this.record(principal, quote, 'lost', {
        reason: dto.reason,
        at: quote.lostAt?.toISOString(),
      });
      return toQuoteResponse(quote, language);
    });
  }

  /**
   * Open quotes follow their customers to `toUserId` (a transfer, a claim, a
   * handover), in the caller's transaction, and their pending steps wait for
   * the new owner's deciders. Customers released to the pool (`null`) keep
   * their quotes' owner, but a pending quote is withdrawn to draft: with no
   * owner above whom to decide, its chain would wait for nobody. Returns how
   * many quotes changed.
   */
  async followCustomers(
    principal: Principal,
    customerIds: string[],
    toUserId: string | null,
  ): Promise<number> {
    if (!customerIds.length) return 0;
    if (toUserId === null) return this.withdrawPending(principal, customerIds);
    const moved = await this.quotes.moveOpen(customerIds, toUserId);
    for (const quoteId of moved) {
      await this.audit.append({
        actor: principal,
        entity: 'quote',
        entityId: quoteId,
        action: 'owner_changed',
        data: { ownerId: toUserId },
      });
    }
    await this.approvals.refreshDeciders(moved, customerIds);
    return moved.length;
  }

  private async withdrawPending(principal: Principal, customerIds: string[]): Promise<number> {
    const pending = await this.quotes.lockPendingOf(customerIds);
    for (const quote of pending) {
      const status = this.assertTransition(quote, { type: 'withdraw' });
      await this.approvals.cancelUndecided(quote);
      await this.quotes.transition(quote.id, quote.status, status);
      await this.record(principal, { ...quote, status }, 'withdrawn', {
        reason: 'customer_released',
      });
    }
    return pending.length;
  }

  /** The customer's open quotes for its brief: draft, pending approval or approved; newest first. */
  async openForCustomer(customerId: string): Promise<OpenQuote[]> {
    const rows = await this.quotes.openForCustomer(customerId);
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      version: row.version,
      status: row.status as OpenQuote['status'],
      amount: row.totals.amount,
      amountWithTax: row.totals.amountWithTax,
      validUntil: row.validUntil,
    }));
  }

  /**
   * Marks a quote won for the contract made from it, and answers it locked in
   * the caller's transaction with its latest version: the approved one. One
   * statement when the quote is approved; 404 outside the scope; 409
   * ILLEGAL_TRANSITION unless it is approved.
   */
  async winForContract(principal: Principal, id: string): Promise<QuoteRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const won = await this.quotes.transitionInScope(id, WIN, params, scopeSql);
    if (won) {
      await this.record(principal, won, 'won', {});
      return won;
    }
    // Out of scope, not approved, or approved since the statement looked: decide on the locked row.
    const quote = await this.find(principal, id, true);
    const status = this.assertTransition(quote, { type: 'win' });
    await this.quotes.transition(quote.id, quote.status, status);
    const current = { ...quote, status };
    await this.record(principal, current, 'won', {});
    return current;
  }

  /** A quote in the caller's scope; 404 outside it. */
  private async find(principal: Principal, id: string, lock = false): Promise<QuoteRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.quotes.findOne(id, params, scopeSql, lock);
    if (!row) throw new NotFoundException(quoteMessages.quote, id);
    return row;
  }

  /** The status `event` leads to from the quote's, or 409 ILLEGAL_TRANSITION naming the current one. */
  private assertTransition(quote: QuoteRow, event: QuoteEvent) {
    const result = nextStatus(quote.status, event);
    if (!result.ok) throw new IllegalTransitionException(quote.status, event.type);
    return result.status;
  }

  private record(
    principal: Principal,
    quote: QuoteRow,
    action: string,
    data: Record<string, unknown>,
  ): Promise<unknown> {
    return this.audit.append({
      actor: principal,
      entity: 'quote',
      entityId: quote.id,
      action,
      data: {
        number: quote.number,
        version: quote.version,
        status: quote.status,
        amount: quote.totals.amount,
        ...data,
      },
    });
  }
}
