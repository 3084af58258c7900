import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { Language } from '../../core/i18n/text';
import { TodosService } from '../todos/todos.service';
import type { ApproverRole } from './domain/approval-policy';
import { nextStatus, QuoteEvent } from './domain/quote-status';
import {
  ApprovalPage,
  ApprovalQueryDto,
  ApprovalStepItem,
  QuoteApprovalResponse,
  QuoteApprovalStatus,
} from './dto/approval.dto';
import { QuotePricer } from './quote-pricer';
import {
  APPROVAL_LIST,
  ApprovalsRepository,
  approvalTodoPrefix,
  StepListRow,
  StepRow,
} from './approvals.repository';
import { QuoteRow, QuotesRepository } from './quotes.repository';
import {
  AlreadyDecidedException,
  IllegalTransitionException,
  NotTheDeciderException,
  NotYourTurnException,
  quoteMessages,
  SelfApprovalException,
} from './quotes.exception';

export type Decision = 'approve' | 'reject';

const DECIDED_STATUS = { approve: 'approved', reject: 'rejected' } as const;

function toStepItem(row: StepListRow): ApprovalStepItem {
  return {
    id: row.id,
    quoteId: row.quoteId,
    quoteNumber: row.quoteNumber,
    quoteVersion: row.quoteVersion,
    customerId: row.customerId,
    role: row.role,
    stepIndex: row.stepIndex,
    status: row.status,
    amount: row.amount,
    createdAt: row.createdAt.toISOString(),
    pendingSince: row.pendingSince?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The approval of a chain as a whole, from its steps; no steps means none was asked for. */
function chainStatus(quote: QuoteRow, steps: readonly StepRow[]): QuoteApprovalStatus {
  if (!steps.length) {
    return quote.status === 'approved' || quote.status === 'won' ? 'not_required' : 'not_submitted';
  }
  if (steps.some((step) => step.status === 'rejected')) return 'rejected';
  if (steps.every((step) => step.status === 'approved')) return 'approved';
  if (steps.some((step) => step.status === 'cancelled')) return 'cancelled';
  return 'pending';
}

/**
 * The approval chain (API.md §5): built on submit from the policy, decided
 * strictly in order by whoever holds each step's position at that moment.
 * Every decision locks its quote first, so decisions, edits and losses of one
 * quote run one at a time, and writes the step with a guarded UPDATE.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly approvals: ApprovalsRepository,
    private readonly quotes: QuotesRepository,
    private readonly pricer: QuotePricer,
    private readonly todos: TodosService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The chain for a submitted version, in the caller's transaction; its first deciders get todos. */
  async startChain(quote: QuoteRow, chain: readonly ApproverRole[]): Promise<void> {
    const steps = await this.approvals.insertChain(quote.id, quote.version, chain);
    await this.openTodos([steps[0].id]);
  }

  /** Ends the quote's undecided steps and their todos (an edit or a loss withdrew it). */
  async cancelUndecided(quote: Pick<QuoteRow, 'id' | 'customerId'>): Promise<void> {
    const cancelled = await this.approvals.cancelUndecided(quote.id);
    await this.closeTodos(quote.customerId, cancelled);
  }

  /**
   * After quotes moved to a new owner, their pending steps may have new
   * deciders (the new owner's supervisor): those who no longer decide lose
   * their todos, and those who now do get one, reopened if they had it once
   * (a customer transferred away and back).
   */
  async refreshDeciders(
    quoteIds: readonly string[],
    customerIds: readonly string[],
  ): Promise<void> {
    const pending = (await this.approvals.pendingOf(quoteIds)).map((step) => step.id);
    if (!pending.length) return;
    const current = await this.approvals.currentTodoKeys(pending);
    await this.todos.completeOpenByKey(
      'approval',
      customerIds,
      pending.map(approvalTodoPrefix),
      current,
    );
    await this.todos.reopenByKey('approval', customerIds, current);
    await this.openTodos(pending);
  }

  async list(principal: Principal, query: ApprovalQueryDto): Promise<ApprovalPage> {
    const plan = await APPROVAL_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'c.owner_id', params), ...plan.where(params)];
    const statuses = query.status ?? ['pending'];
    const rows = await this.approvals.list(
      principal,
      statuses,
      params,
      where,
      query.limit,
      plan.orderBy,
    );
    return plan.page(rows, toStepItem);
  }

  /** The approval of the quote's latest version, with the reason in figures. */
  async approvalOf(
    principal: Principal,
    quoteId: string,
    language: Language,
  ): Promise<QuoteApprovalResponse> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const quote = await this.quotes.findOne(quoteId, params, scopeSql);
    if (!quote) throw new NotFoundException(quoteMessages.quote, quoteId);
    return this.describe(quote, language);
  }

  /**
   * Approves or rejects a step. 404 outside the caller's scope; 403 for the
   * quote's owner or author (SELF_APPROVAL) and for anyone not holding the
   * step's position (NOT_THE_DECIDER); 409 NOT_YOUR_TURN before an earlier
   * step is decided, ALREADY_DECIDED after; 422 if an approval would let a
   * line below today's floor through.
   */
  async decide(
    principal: Principal,
    stepId: string,
    decision: Decision,
    comment: string | undefined,
    language: Language,
  ): Promise<QuoteApprovalResponse> {
    return this.tx.withTransaction(async () => {
      const quote = await this.lockQuoteOf(principal, stepId);
      const step = (await this.approvals.findById(stepId))!;
      await this.assertDecider(principal, quote, stepId);
      if (decision === 'approve' && step.status === 'pending') {
        await this.pricer.price(quote.lines);
      }
      const decided = await this.approvals.decide(
        stepId,
        DECIDED_STATUS[decision],
        principal.userId!,
        comment ?? null,
      );
      if (!decided) {
        throw step.status === 'waiting'
          ? new NotYourTurnException()
          : new AlreadyDecidedException();
      }
      await this.closeTodos(quote.customerId, [stepId]);
      await this.audit.append({
        actor: principal,
        entity: 'approval_step',
        entityId: stepId,
        action: DECIDED_STATUS[decision],
        data: {
          quoteId: quote.id,
          quoteVersion: step.quoteVersion,
          stepIndex: step.stepIndex,
          role: step.role,
          comment: comment ?? null,
        },
      });
      const after =
        decision === 'approve'
          ? await this.afterApproval(decided)
          : await this.afterRejection(quote);
      if (after) await this.moveQuote(principal, quote, after);
      return this.describe((await this.quotes.lockById(quote.id))!, language);
    });
  }

  /** The next step's turn, or, after the last, the event that approves the quote. */
  private async afterApproval(step: StepRow): Promise<QuoteEvent | undefined> {
    const next = await this.approvals.openNext(step);
    if (!next) return { type: 'approve', lastStep: true };
    await this.openTodos([next.id]);
    return undefined;
  }

  /** A rejection ends the chain: the steps after it are cancelled. */
  private async afterRejection(quote: QuoteRow): Promise<QuoteEvent> {
    await this.cancelUndecided(quote);
    return { type: 'reject' };
  }

  private async moveQuote(principal: Principal, quote: QuoteRow, event: QuoteEvent): Promise<void> {
    const result = nextStatus(quote.status, event);
    if (!result.ok || !(await this.quotes.transition(quote.id, quote.status, result.status))) {
      throw new IllegalTransitionException(quote.status, event.type);
    }
    await this.audit.append({
      actor: principal,
      entity: 'quote',
      entityId: quote.id,
      action: result.status,
      data: { number: quote.number, version: quote.version, from: quote.status },
    });
  }

  /** The step's quote, locked, if the caller may see it; 404 otherwise, as for a missing step. */
  private async lockQuoteOf(principal: Principal, stepId: string): Promise<QuoteRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const found = await this.approvals.findInScope(stepId, params, scopeSql);
    if (!found) throw new NotFoundException(quoteMessages.approvalStep, stepId);
    return (await this.quotes.lockById(found.quoteId))!;
  }

  private async assertDecider(
    principal: Principal,
    quote: QuoteRow,
    stepId: string,
  ): Promise<void> {
    const userId = principal.userId;
    if (userId && (userId === quote.ownerId || userId === quote.versionAuthorId)) {
      throw new SelfApprovalException();
    }
    if (!userId || !(await this.approvals.mayDecide(stepId, userId))) {
      throw new NotTheDeciderException();
    }
  }

  private async describe(quote: QuoteRow, language: Language): Promise<QuoteApprovalResponse> {
    const steps = await this.approvals.chainOf(quote.id, quote.version);
    return {
      quoteId: quote.id,
      quoteStatus: quote.status,
      quoteVersion: quote.version,
      status: chainStatus(quote, steps),
      reason: quote.approvalReason[language],
      steps: steps.map((step) => ({
        id: step.id,
        stepIndex: step.stepIndex,
        role: step.role,
        status: step.status,
        deciderId: step.deciderId,
        decidedAt: step.decidedAt?.toISOString() ?? null,
        comment: step.comment,
      })),
    };
  }

  private async openTodos(stepIds: readonly string[]): Promise<void> {
    const { select, params } = this.approvals.approvalTodosSelect(stepIds);
    await this.todos.createFromSelect(select, params);
  }

  private async closeTodos(customerId: string, stepIds: readonly string[]): Promise<void> {
    await this.todos.completeOpenByKey('approval', [customerId], stepIds.map(approvalTodoPrefix));
  }
}
