import { Injectable } from '@nestjs/common';
import type { Role } from '../../core/auth/roles';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import { integerSettingSql } from '../../core/settings/settings-sql';
import type { TicketKind } from './domain/ticket';
import type { TicketStatus } from './domain/ticket-status';

export interface TicketRow {
  id: string;
  customerId: string;
  assigneeId: string | null;
  kind: TicketKind;
  subject: string;
  content: string;
  status: TicketStatus;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  slaBreached: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** The customer's owner, whom the scope is decided on. */
  ownerId: string | null;
}

export interface NewTicket {
  customerId: string;
  assigneeId: string | null;
  kind: TicketKind;
  subject: string;
  content: string;
  createdBy: string | null;
}

/** What a PATCH writes; absent members stay as they are. */
export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  assigneeId?: string | null;
}

export interface TicketReplyRow {
  id: string;
  ticketId: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
}

/** What a would-be assignee's own scope is made of; see TicketsService.assertAssignable. */
export interface AssigneeCandidate {
  roles: Role[];
  orgUnitId: string | null;
}

/** `GET /tickets`: newest first unless sorted otherwise. */
export const TICKET_LIST = defineList({
  keys: {
    createdAt: { column: 't.created_at', kind: 'timestamp' },
    firstResponseDueAt: { column: 't.first_response_due_at', kind: 'timestamp' },
  },
  defaultSort: '-createdAt',
  id: 't.id',
  updatedAt: 't.updated_at',
});

/** `GET /tickets/:id/replies`: the thread in the order it was written. */
export const TICKET_REPLY_LIST = defineList({
  keys: { createdAt: { column: 'r.created_at', kind: 'timestamp' } },
  defaultSort: 'createdAt',
  id: 'r.id',
});

/**
 * Breached: answered late, or found unanswered past its due time by the SLA
 * job. A late answer never clears the job's mark.
 */
export const SLA_BREACHED_SQL = `(t.sla_breached_at IS NOT NULL
  OR coalesce(t.first_responded_at > t.first_response_due_at, false))`;

const TICKET_COLUMNS = `t.id, t.customer_id AS "customerId", t.assignee_id AS "assigneeId", t.kind,
  t.subject, t.content, t.status, t.first_response_due_at AS "firstResponseDueAt",
  t.first_responded_at AS "firstRespondedAt", ${SLA_BREACHED_SQL} AS "slaBreached",
  t.created_by AS "createdBy", t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.version,
  c.owner_id AS "ownerId"`;

/** A ticket `t` with its customer `c`, whose owner the scope predicate reads. */
const TICKET_FROM = 'tickets t JOIN customers c ON c.id = t.customer_id';

const REPLY_COLUMNS = `r.id, r.ticket_id AS "ticketId", r.author_id AS "authorId", r.body,
  r.created_at AS "createdAt"`;

/**
 * SQL over tickets and their replies. Reads take the caller's scope as a
 * predicate over the customer's owner `c.owner_id` (API.md §2): a ticket is
 * in scope when its customer is.
 */
@Injectable()
export class TicketsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts with its first-response due time from the settings, read by the same statement. */
  async insert(ticket: NewTicket): Promise<TicketRow> {
    const [row] = await this.tx.query<TicketRow>(
      `WITH inserted AS (
         INSERT INTO tickets (customer_id, assignee_id, kind, subject, content, created_by,
           first_response_due_at)
         VALUES ($1, $2, $3, $4, $5, $6,
           now() + make_interval(hours => ${integerSettingSql('ticketFirstResponseHours')}))
         RETURNING *
       )
       SELECT ${TICKET_COLUMNS} FROM inserted t JOIN customers c ON c.id = t.customer_id`,
      [
        ticket.customerId,
        ticket.assigneeId,
        ticket.kind,
        ticket.subject,
        ticket.content,
        ticket.createdBy,
      ],
    );
    return row;
  }

  /** One ticket whose customer `scopeSql` (over `c.owner_id`, built on `params`) admits. */
  async findOne(
    id: string,
    params: SqlParams,
    scopeSql: string,
    lock = false,
  ): Promise<TicketRow | undefined> {
    const [row] = await this.tx.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM}
       WHERE t.id = ${params.add(id)} AND ${scopeSql} ${lock ? 'FOR UPDATE OF t' : ''}`,
      params.values,
    );
    return row;
  }

  /** `limit + 1` tickets matching `where` (scope, filters and keyset), in `orderBy` (TICKET_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<TicketRow[]> {
    return this.tx.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM}
       WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Writes the changes, bumps the version and stamps `closed_at` on closing; answers the ticket. */
  async update(id: string, changes: TicketChanges): Promise<TicketRow> {
    const params = new SqlParams();
    const sets = ['version = t.version + 1'];
    if (changes.subject !== undefined) sets.push(`subject = ${params.add(changes.subject)}`);
    if (changes.assigneeId !== undefined)
      sets.push(`assignee_id = ${params.add(changes.assigneeId)}::uuid`);
    if (changes.status !== undefined) {
      const status = params.add(changes.status);
      sets.push(`status = ${status}`);
      sets.push(`closed_at = CASE WHEN ${status} = 'closed' THEN now() END`);
    }
    const [row] = await this.tx.query<TicketRow>(
      `WITH updated AS (
         UPDATE tickets t SET ${sets.join(', ')} WHERE t.id = ${params.add(id)} RETURNING t.*
       )
       SELECT ${TICKET_COLUMNS} FROM updated t JOIN customers c ON c.id = t.customer_id`,
      params.values,
    );
    return row;
  }

  /** The first staff response: stamps it (once) and moves the ticket to `status`. */
  async recordFirstResponse(id: string, status: TicketStatus): Promise<void> {
    await this.tx.query(
      `UPDATE tickets SET first_responded_at = now(), status = $2, version = version + 1
       WHERE id = $1 AND first_responded_at IS NULL`,
      [id, status],
    );
  }

  async insertReply(
    ticketId: string,
    authorId: string | null,
    body: string,
  ): Promise<TicketReplyRow> {
    const [row] = await this.tx.query<TicketReplyRow>(
      `INSERT INTO ticket_replies AS r (ticket_id, author_id, body) VALUES ($1, $2, $3)
       RETURNING ${REPLY_COLUMNS}`,
      [ticketId, authorId, body],
    );
    return row;
  }

  async findReply(ticketId: string, replyId: string): Promise<TicketReplyRow | undefined> {
    const [row] = await this.tx.query<TicketReplyRow>(
      `SELECT ${REPLY_COLUMNS} FROM ticket_replies r WHERE r.ticket_id = $1 AND r.id = $2`,
      [ticketId, replyId],
    );
    return row;
  }

  /** `limit + 1` replies of a ticket matching `where` (keyset), in `orderBy` (TICKET_REPLY_LIST's). */
  async listReplies(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<TicketReplyRow[]> {
    return this.tx.query<TicketReplyRow>(
      `SELECT ${REPLY_COLUMNS} FROM ticket_replies r
       WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** An active user's roles and org unit, from which its own data scope follows. */
  async activeUser(userId: string): Promise<AssigneeCandidate | undefined> {
    const [row] = await this.tx.query<AssigneeCandidate>(
      `SELECT roles, org_unit_id AS "orgUnitId" FROM users WHERE id = $1 AND active`,
      [userId],
    );
    return row;
  }

  /** Whether the customer's owner satisfies `scopeSql` (over `c.owner_id`, built on `params`). */
  async customerInScope(customerId: string, params: SqlParams, scopeSql: string): Promise<boolean> {
    const rows = await this.tx.query(
      `SELECT 1 FROM customers c WHERE c.id = ${params.add(customerId)} AND ${scopeSql}`,
      params.values,
    );
    return rows.length === 1;
  }

  /**
   * Tickets of these customers not yet closed go to `toUserId`: they follow
   * their customer on a transfer, a claim or a handover. Returns their ids and
   * former assignees.
   */
  async moveUnclosed(
    customerIds: string[],
    toUserId: string,
  ): Promise<{ id: string; fromUserId: string | null }[]> {
    return this.tx.query<{ id: string; fromUserId: string | null }>(
      `UPDATE tickets t SET assignee_id = $2, version = t.version + 1
       FROM tickets before
       WHERE before.id = t.id AND t.customer_id = ANY ($1::uuid[])
         AND t.assignee_id IS DISTINCT FROM $2 AND t.status <> 'closed'
       RETURNING t.id, before.assignee_id AS "fromUserId"`,
      [customerIds, toUserId],
    );
  }
}
