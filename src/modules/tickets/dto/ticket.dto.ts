import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import {
  MAX_CONTENT_LENGTH,
  MAX_REPLY_LENGTH,
  MAX_SUBJECT_LENGTH,
  TICKET_KINDS,
  TicketKind,
} from '../domain/ticket';
import { TICKET_STATUSES, TicketStatus } from '../domain/ticket-status';
import { TICKET_LIST, TICKET_REPLY_LIST } from '../tickets.repository';

export class CreateTicketDto {
  /** The customer it is about; one outside the caller's scope gets 404, a pool customer 409 (claim it first). */
  @ApiUuid() @IsUUID() customerId: string;

  @ApiProperty({ enum: TICKET_KINDS, example: 'complaint' })
  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  /** One line, e.g. `到货外箱破损，三箱轴承受潮`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(MAX_SUBJECT_LENGTH) subject: string;

  /** What the customer said, in full. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(MAX_CONTENT_LENGTH) content: string;
}

/**
 * Any of the subject, status and assignee. A status must be a next one of the
 * flow (422 TICKET_STATUS_TRANSITION otherwise); `assigneeId: null` unassigns.
 */
export class UpdateTicketDto extends PartialType(PickType(CreateTicketDto, ['subject']), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, example: 'resolved' })
  @OptionalNotNull()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  /** An active user who can see the customer (422 INVALID_ASSIGNEE otherwise), or null. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

export class TicketQueryDto extends ListQueryDto(TICKET_LIST) {
  @AnyOf({ enum: TICKET_STATUSES }, 'Tickets in any of these statuses.')
  status?: TicketStatus[];

  @AnyOf({ enum: TICKET_KINDS }, 'Tickets of any of these kinds.')
  kind?: TicketKind[];

  @AnyOf({ format: 'uuid' }, 'Tickets of any of these customers.')
  customerId?: string[];

  @AnyOf({ format: 'uuid' }, 'Tickets assigned to any of these users.')
  assigneeId?: string[];

  /** `true`: only the tickets whose first response was (or is being) missed; `false`: the others. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  slaBreached?: 'true' | 'false';
}

export class TicketResponse {
  @ApiUuid() id: string;
  @ApiUuid() customerId: string;
  /** Who works on it: the customer's owner at creation, following the customer since; null in the pool. */
  @ApiUuid() assigneeId: string | null;
  @ApiProperty({ enum: TICKET_KINDS }) kind: TicketKind;
  subject: string;
  content: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  /** The creation time plus setting `ticketFirstResponseHours`. */
  @ApiTime() firstResponseDueAt: string;
  /** The first staff reply; null until then. */
  @ApiTime() firstRespondedAt: string | null;
  /**
   * The first response came after `firstResponseDueAt`, or the SLA job found
   * it unanswered past that time. Once true, it stays true.
   */
  slaBreached: boolean;
  /** Its author; null for an integrator's API key. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class TicketPage extends PageOf(TicketResponse) {}

export class CreateTicketReplyDto {
  /** The answer, or the customer's words relayed by an integrator. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(MAX_REPLY_LENGTH) body: string;
}

export class TicketReplyQueryDto extends ListQueryDto(TICKET_REPLY_LIST) {}

export class TicketReplyResponse {
  @ApiUuid() id: string;
  @ApiUuid() ticketId: string;
  /** The staff user who wrote it; null when an integrator's API key relayed it. */
  @ApiUuid() authorId: string | null;
  body: string;
  @ApiTime() createdAt: string;
}

export class TicketReplyPage extends PageOf(TicketReplyResponse) {}

export class TicketSlaRunResponse {
  /** Tickets awaiting their first response (open or in progress) and not yet marked breached. */
  @ApiInteger() scanned: number;
  /** `ticket_sla_breach` todos made by this run: one per newly breached ticket with someone to tell. */
  @ApiInteger() created: number;
}
