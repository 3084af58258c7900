import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import {
  FieldError,
  InvalidInputException,
  NotFoundException,
} from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { utcTime } from '../../core/http/timestamps';
import { SettingsService } from '../../core/settings/settings.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { CustomerRow } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { TodosService } from '../todos/todos.service';
import { missingEvidence } from './domain/evidence';
import { extractObjections } from './domain/objections';
import { CreateFollowUpDto, FollowUpQueryDto, FollowUpResponse } from './dto/follow-up.dto';
import { TranscriptSegment } from './follow-up.entity';
import { followUpMessages, MissingEvidenceException } from './follow-ups.exception';
import { FOLLOW_UP_LIST, FollowUpRow, FollowUpsRepository } from './follow-ups.repository';
import { ObligationsRepository } from './obligations.repository';

/** Segment times as answers give them (UTC); rows written before this came back as sent (`+08:00`). */
function utcTranscript(transcript: readonly TranscriptSegment[]): TranscriptSegment[] {
  return transcript.map((segment) =>
    segment.at ? { ...segment, at: utcTime(segment.at) } : segment,
  );
}

export function toFollowUpResponse(row: FollowUpRow): FollowUpResponse {
  return {
    ...row,
    transcript: utcTranscript(row.transcript),
    occurredAt: row.occurredAt.toISOString(),
    nextTouchAt: row.nextTouchAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Times that cannot be right, whatever the evidence says (a future occurredAt: see its DTO). */
function implausibleTimes(dto: CreateFollowUpDto): FieldError[] {
  const errors: FieldError[] = [];
  const occurredAt = Date.parse(dto.occurredAt);
  if (dto.nextTouchAt && Date.parse(dto.nextTouchAt) <= occurredAt)
    errors.push({ field: 'nextTouchAt', message: followUpMessages.nextTouchBeforeTouch });
  return errors;
}

/**
 * Follow-ups: every touch with its evidence. Recording one also moves the
 * customer's last interaction and stage, settles the obligations it fulfils,
 * opens the one its next touch promises, and ends a silent spell, all in one
 * transaction with their audit events.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly followUps: FollowUpsRepository,
    private readonly obligations: ObligationsRepository,
    private readonly customers: CustomersService,
    private readonly attachments: AttachmentsService,
    private readonly todos: TodosService,
    private readonly settings: SettingsService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async create(
    principal: Principal,
    customerId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    const invalid = implausibleTimes(dto);
    if (invalid.length) throw new InvalidInputException(invalid);
    const missing = missingEvidence(dto);
    if (missing.length) throw new MissingEvidenceException(missing);
    return this.tx.withTransaction(async () => {
      const customer = await this.customers.findWorkable(principal, customerId, true);
      await this.customFields.assertValid('follow_up', dto.customFields ?? {});
      await this.attachments.assertUsable(principal, {
        deliverableIds: dto.deliverableIds ?? [],
        proofIds: dto.proofIds ?? [],
      });
      const row = await this.insert(principal, customer, dto);
      await this.attachments.link([...row.deliverableIds, ...row.proofIds], {
        type: 'follow_up',
        id: row.id,
        customerId: customer.id,
      });
      await this.recordInteraction(customer, row);
      await this.settleObligations(principal, customer, row);
      await this.audit.append({
        actor: principal,
        entity: 'follow_up',
        entityId: row.id,
        action: 'created',
        data: { customerId: customer.id, channel: row.channel, stage: row.stage },
      });
      return toFollowUpResponse(row);
    });
  }

  async get(principal: Principal, id: string): Promise<FollowUpResponse> {
    return toFollowUpResponse(await this.findInScope(principal, id));
  }

  /** Follow-ups the caller may see are those of the customers it works on. */
  async findInScope(principal: Principal, id: string): Promise<FollowUpRow> {
    const params = new SqlParams();
    const row = await this.followUps.findInScope(
      id,
      params,
      this.scope.predicate(principal, 'c.owner_id', params),
    );
    if (!row) throw new NotFoundException(followUpMessages.followUp, id);
    return row;
  }

  async list(
    principal: Principal,
    customerId: string,
    query: FollowUpQueryDto,
  ): Promise<Page<FollowUpResponse>> {
    const plan = await FOLLOW_UP_LIST.plan(query, this.tx);
    await this.customers.findWorkable(principal, customerId);
    const rows = await this.followUps.listForCustomer(customerId, query.limit + 1, plan);
    return plan.page(rows, toFollowUpResponse);
  }

  private async insert(
    principal: Principal,
    customer: CustomerRow,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpRow> {
    const transcript = utcTranscript((dto.transcript ?? []) as TranscriptSegment[]);
    const { objectionKeywords } = await this.settings.get();
    return this.followUps.insert({
      customerId: customer.id,
      authorId: principal.userId,
      channel: dto.channel,
      occurredAt: new Date(dto.occurredAt),
      summary: dto.summary!.trim(),
      transcript,
      deliverableIds: dto.deliverableIds ?? [],
      proofIds: dto.proofIds ?? [],
      nextTouchAt: dto.nextTouchAt ? new Date(dto.nextTouchAt) : null,
      stage: dto.stage ?? null,
      objections: extractObjections(
        [dto.summary!, ...transcript.map((segment) => segment.text)],
        objectionKeywords,
      ),
      customFields: dto.customFields ?? {},
    });
  }

  /** A touch later than the last one ends the customer's silent spell, and its alerts with it. */
  private async recordInteraction(customer: CustomerRow, row: FollowUpRow): Promise<void> {
    await this.customers.recordInteraction(customer.id, row.occurredAt, row.stage ?? undefined);
    const last = customer.lastInteractionAt ?? customer.createdAt;
    if (row.occurredAt > last)
      await this.todos.completeOpenForCustomer(customer.id, 'silent_period');
  }

  private async settleObligations(
    principal: Principal,
    customer: CustomerRow,
    row: FollowUpRow,
  ): Promise<void> {
    const fulfilled = await this.obligations.fulfil(customer.id, row.id, row.occurredAt);
    for (const obligationId of fulfilled) {
      await this.auditObligation(principal, obligationId, 'fulfilled', { followUpId: row.id });
    }
    if (!row.nextTouchAt) return;
    const { complianceGraceHours } = await this.settings.get();
    const obligationId = await this.obligations.open({
      followUpId: row.id,
      customerId: customer.id,
      ownerId: customer.ownerId,
      openedAt: row.occurredAt,
      dueAt: row.nextTouchAt,
      graceHours: complianceGraceHours,
    });
    await this.auditObligation(principal, obligationId, 'opened', {
      followUpId: row.id,
      dueAt: row.nextTouchAt.toISOString(),
      graceHours: complianceGraceHours,
    });
  }

  private auditObligation(
    principal: Principal,
    id: string,
    action: 'opened' | 'fulfilled',
    data: Record<string, unknown>,
  ) {
    return this.audit.append({
      actor: principal,
      entity: 'obligation',
      entityId: id,
      action,
      data,
    });
  }
}
