import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { scopeFor, scopePredicate } from '../../core/auth/data-scope/data-scope';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { CustomersService } from '../customers/customers.service';
import { canMove, nextStatuses, statusAfterStaffReply } from './domain/ticket-status';
import {
  CreateTicketDto,
  CreateTicketReplyDto,
  TicketQueryDto,
  TicketReplyQueryDto,
  TicketReplyResponse,
  TicketResponse,
  UpdateTicketDto,
} from './dto/ticket.dto';
import {
  SLA_BREACHED_SQL,
  TICKET_LIST,
  TICKET_REPLY_LIST,
  TicketChanges,
  TicketReplyRow,
  TicketRow,
  TicketsRepository,
} from './tickets.repository';
import {
  InvalidAssigneeException,
  TicketClosedException,
  ticketMessages,
  TicketStatusTransitionException,
} from './tickets.exception';

function toTicketResponse(row: TicketRow): TicketResponse {
  return {
    id: row.id,
    customerId: row.customerId,
    assigneeId: row.assigneeId,
    kind: row.kind,
    subject: row.subject,
    content: row.content,
    status: row.status,
    firstResponseDueAt: row.firstResponseDueAt.toISOString(),
    firstRespondedAt: row.firstRespondedAt?.toISOString() ?? null,
    slaBreached: row.slaBreached,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toReplyResponse(row: TicketReplyRow): TicketReplyResponse {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** What a PATCH actually changes: the members sent that differ from the ticket. */
function changesOf(current: TicketRow, dto: UpdateTicketDto): TicketChanges {
  const changes: TicketChanges = {};
  if (dto.subject !== undefined && dto.subject !== current.subject) changes.subject = dto.subject;
  if (dto.status !== undefined && dto.status !== current.status) changes.status = dto.status;
  if (dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId)
    changes.assigneeId = dto.assigneeId;
  return changes;
}

/**
 * Tickets (API.md §9): a customer's complaint, reorder or question, in the
 * scope of whoever sees the customer, worked through the status flow of
 * domain/ticket-status.ts, with a first-response SLA that TicketSlaService
 * watches.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly tickets: TicketsRepository,
    private readonly customers: CustomersService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Opens a ticket on a customer the caller works on, assigned to the customer's owner. */
  async create(principal: Principal, dto: CreateTicketDto): Promise<TicketResponse> {
    return this.tx.withTransaction(async () => {
      const customer = await this.customers.findWorkable(principal, dto.customerId);
      const ticket = await this.tickets.insert({
        customerId: customer.id,
        assigneeId: customer.ownerId,
        kind: dto.kind,
        subject: dto.subject,
        content: dto.content,
        createdBy: principal.userId,
      });
      await this.record(principal, ticket.id, 'created', {
        customerId: ticket.customerId,
        kind: ticket.kind,
        assigneeId: ticket.assigneeId,
        firstResponseDueAt: ticket.firstResponseDueAt.toISOString(),
      });
      return toTicketResponse(ticket);
    });
  }

  async list(principal: Principal, query: TicketQueryDto): Promise<Page<TicketResponse>> {
    const plan = await TICKET_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'c.owner_id', params)];
    if (query.status) where.push(`t.status = ANY (${params.add(query.status)}::text[])`);
    if (query.kind) where.push(`t.kind = ANY (${params.add(query.kind)}::text[])`);
    if (query.customerId)
      where.push(`t.customer_id = ANY (${params.add(query.customerId)}::uuid[])`);
    if (query.assigneeId)
      where.push(`t.assignee_id = ANY (${params.add(query.assigneeId)}::uuid[])`);
    if (query.slaBreached)
      where.push(query.slaBreached === 'true' ? SLA_BREACHED_SQL : `NOT ${SLA_BREACHED_SQL}`);
    where.push(...plan.where(params));
    const rows = await this.tickets.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toTicketResponse);
  }

  async get(principal: Principal, id: string): Promise<TicketResponse> {
    return toTicketResponse(await this.find(principal, id));
  }

  /** Changes the subject, the status (along the flow) and the assignee; each change is audited. */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateTicketDto,
    expectedVersion: number | undefined,
  ): Promise<TicketResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.find(principal, id, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(ticketMessages.ticket, expectedVersion, current.version);
      }
      const changes = changesOf(current, dto);
      if (changes.status && !canMove(current.status, changes.status))
        throw new TicketStatusTransitionException(
          current.status,
          changes.status,
          nextStatuses(current.status),
        );
      if (changes.assigneeId) await this.assertAssignable(changes.assigneeId, current.customerId);
      if (!Object.keys(changes).length) return toTicketResponse(current);
      const updated = await this.tickets.update(id, changes);
      await this.recordChanges(principal, current, changes);
      return toTicketResponse(updated);
    });
  }

  /**
   * Adds a reply. The first reply by a staff user (not an integrator's API
   * key, which relays the customer) is the first response: it stops the SLA
   * clock and starts the work on an open ticket.
   */
  async reply(
    principal: Principal,
    id: string,
    dto: CreateTicketReplyDto,
  ): Promise<TicketReplyResponse> {
    return this.tx.withTransaction(async () => {
      const ticket = await this.find(principal, id, true);
      if (ticket.status === 'closed') throw new TicketClosedException();
      const reply = await this.tickets.insertReply(ticket.id, principal.userId, dto.body);
      if (principal.userId && !ticket.firstRespondedAt) {
        const status = statusAfterStaffReply(ticket.status);
        await this.tickets.recordFirstResponse(ticket.id, status);
        if (status !== ticket.status)
          await this.record(principal, ticket.id, 'status_changed', {
            from: ticket.status,
            to: status,
            reason: 'first_response',
          });
      }
      return toReplyResponse(reply);
    });
  }

  async replies(
    principal: Principal,
    id: string,
    query: TicketReplyQueryDto,
  ): Promise<Page<TicketReplyResponse>> {
    const plan = await TICKET_REPLY_LIST.plan(query, this.tx);
    await this.find(principal, id);
    const params = new SqlParams();
    const where = [`r.ticket_id = ${params.add(id)}`, ...plan.where(params)];
    const rows = await this.tickets.listReplies(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toReplyResponse);
  }

  /** One reply of a ticket in the caller's scope. */
  async getReply(principal: Principal, id: string, replyId: string): Promise<TicketReplyResponse> {
    await this.find(principal, id);
    const row = await this.tickets.findReply(id, replyId);
    if (!row) throw new NotFoundException(ticketMessages.reply, replyId);
    return toReplyResponse(row);
  }

  /**
   * Tickets not yet closed follow their customers to `toUserId` (a transfer,
   * a claim, a handover), in the caller's transaction. Customers released to
   * the pool (`null`) keep their tickets' assignee, who still knows the
   * story. Returns how many tickets moved.
   */
  async followCustomers(
    principal: Principal,
    customerIds: string[],
    toUserId: string | null,
  ): Promise<number> {
    if (!customerIds.length || toUserId === null) return 0;
    const moved = await this.tickets.moveUnclosed(customerIds, toUserId);
    for (const { id, fromUserId } of moved) {
      await this.record(principal, id, 'reassigned', {
        from: fromUserId,
        to: toUserId,
        reason: 'customer_moved',
      });
    }
    return moved.length;
  }

  /** A ticket whose customer is in the caller's scope; 404 outside it. */
  private async find(principal: Principal, id: string, lock = false): Promise<TicketRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.tickets.findOne(id, params, scopeSql, lock);
    if (!row) throw new NotFoundException(ticketMessages.ticket, id);
    return row;
  }

  /** The assignee must be an active user whose own data scope holds the ticket's customer. */
  private async assertAssignable(userId: string, customerId: string): Promise<void> {
    const candidate = await this.tickets.activeUser(userId);
    if (!candidate) throw new InvalidAssigneeException();
    const params = new SqlParams();
    const scopeSql = scopePredicate(scopeFor({ userId, ...candidate }), 'c.owner_id', params);
    if (!(await this.tickets.customerInScope(customerId, params, scopeSql)))
      throw new InvalidAssigneeException();
  }

  private async recordChanges(
    principal: Principal,
    current: TicketRow,
    changes: TicketChanges,
  ): Promise<void> {
    if (changes.status !== undefined)
      await this.record(principal, current.id, 'status_changed', {
        from: current.status,
        to: changes.status,
      });
    if (changes.assigneeId !== undefined)
      await this.record(principal, current.id, 'reassigned', {
        from: current.assigneeId,
        to: changes.assigneeId,
      });
    if (changes.subject !== undefined)
      await this.record(principal, current.id, 'edited', { subject: changes.subject });
  }

  private record(
    principal: Principal,
    ticketId: string,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.append({
      actor: principal,
      entity: 'ticket',
      entityId: ticketId,
      action,
      data,
    });
  }
}
