import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { AppConfig } from '../../core/config/app-config';
import { TransactionHost } from '../../core/database/transaction-host';
import { JobScheduler } from '../../core/scheduling/job-scheduler';
import { TodosService } from '../todos/todos.service';

export const TICKET_SLA_JOB = 'ticket-sla';

export interface TicketSlaRun {
  /** Tickets awaiting their first response (open or in progress) and not yet marked breached. */
  scanned: number;
  /** `ticket_sla_breach` todos made: one per newly breached ticket whose assignee has a superior. */
  created: number;
}

/**
 * Marks the tickets unanswered past their due time as breached, once: the
 * mark is the statement's own condition, so a re-run finds nothing. Answered,
 * resolved and closed tickets are left alone.
 */
const MARK_BREACHED = `
  UPDATE tickets t SET sla_breached_at = now(), version = t.version + 1
  WHERE t.first_responded_at IS NULL AND t.sla_breached_at IS NULL
    AND t.first_response_due_at <= now() AND t.status IN ('open', 'in_progress')
  RETURNING t.id, t.assignee_id AS "assigneeId", t.first_response_due_at AS "dueAt"`;

/** What a run examines: the tickets awaiting a first response and not yet breached (a partial index). */
const AWAITING_RESPONSE = `
  SELECT count(*)::int AS scanned FROM tickets
  WHERE first_responded_at IS NULL AND sla_breached_at IS NULL AND status IN ('open', 'in_progress')`;

/**
 * One `ticket_sla_breach` todo per breached ticket ($1: their ids), for the
 * assignee's superior: the direct supervisor, or else the manager of the
 * assignee's org unit (when that is not the assignee). Keyed by the ticket,
 * so a ticket gives one todo ever, whatever runs where.
 */
const BREACH_TODOS = `
  WITH breached AS (
    SELECT t.*, floor(extract(epoch FROM now() - t.first_response_due_at) / 3600)::int AS overdue_hours
    FROM tickets t WHERE t.id = ANY ($1::uuid[])
  )
  SELECT 'ticket_sla_breach', superior.id, t.customer_id,
    '工单「' || t.subject || '」超过首次响应时限 ' || t.overdue_hours || ' 小时仍未回复，请督促处理',
    jsonb_build_object('ticketId', t.id, 'customerId', t.customer_id, 'kind', t.kind,
      'subject', t.subject, 'assigneeId', t.assignee_id,
      'dueAt', to_char(t.first_response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'overdueHours', t.overdue_hours),
    NULL::timestamptz, 'ticket_sla_breach:' || t.id
  FROM breached t
  JOIN users assignee ON assignee.id = t.assignee_id
  LEFT JOIN users supervisor ON supervisor.id = assignee.supervisor_id AND supervisor.active
  LEFT JOIN org_units unit ON unit.id = assignee.org_unit_id
  LEFT JOIN users manager ON manager.id = unit.manager_id AND manager.active
    AND manager.id <> assignee.id
  CROSS JOIN LATERAL (SELECT coalesce(supervisor.id, manager.id) AS id) superior
  WHERE superior.id IS NOT NULL`;

/**
 * The first-response SLA (API.md §9): on TICKET_SLA_CRON, and on demand,
 * tickets unanswered past `firstResponseDueAt` are marked breached and their
 * assignee's superior gets a todo, once per ticket. Runs under the job's
 * advisory lock, so replicas take turns; the mark and the todo's dedupe key
 * make a second run create nothing.
 */
@Injectable()
export class TicketSlaService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TicketSlaService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly todos: TodosService,
    private readonly audit: AuditService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(TICKET_SLA_JOB, this.config.ticketSlaCron, () => this.scan());
  }

  /** On demand: waits for a running scan (of any replica) to end, then scans. */
  run(): Promise<TicketSlaRun> {
    return this.scheduler.runNow(TICKET_SLA_JOB, () => this.scan());
  }

  /** The scan itself; the caller holds the job's lock, in the current transaction. */
  private async scan(): Promise<TicketSlaRun> {
    const [{ scanned }] = await this.tx.query<{ scanned: number }>(AWAITING_RESPONSE);
    const breached = await this.tx.query<{ id: string; assigneeId: string | null; dueAt: Date }>(
      MARK_BREACHED,
    );
    const created = breached.length
      ? await this.todos.createFromSelect(BREACH_TODOS, [breached.map((ticket) => ticket.id)])
      : 0;
    for (const ticket of breached) {
      await this.audit.append({
        actor: null,
        entity: 'ticket',
        entityId: ticket.id,
        action: 'sla_breached',
        data: { assigneeId: ticket.assigneeId, dueAt: ticket.dueAt.toISOString() },
      });
    }
    if (breached.length)
      this.logger.log({ scanned, breached: breached.length, created }, 'Ticket SLA scan done');
    return { scanned, created };
  }
}
