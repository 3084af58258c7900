import { Body, Controller, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreateTicketDto,
  CreateTicketReplyDto,
  TicketPage,
  TicketQueryDto,
  TicketReplyPage,
  TicketReplyQueryDto,
  TicketReplyResponse,
  TicketResponse,
  TicketSlaRunResponse,
  UpdateTicketDto,
} from './dto/ticket.dto';
import {
  CREATE_TICKET_EXAMPLE,
  CREATE_TICKET_REPLY_EXAMPLE,
  TICKET_EXAMPLE,
  TICKET_PAGE_EXAMPLE,
  TICKET_REPLY_EXAMPLE,
  TICKET_REPLY_PAGE_EXAMPLE,
  TICKET_SLA_RUN_EXAMPLE,
  UPDATE_TICKET_EXAMPLE,
  UPDATED_TICKET_EXAMPLE,
} from './dto/ticket.examples';
import { TicketSlaService } from './ticket-sla.service';
import { TicketsService } from './tickets.service';

/**
 * Who works tickets (edit, reassign, move along the flow, answer): the
 * customer's owner and the owner's superiors, as for quotes. Finance BPs see
 * every ticket but work none; an integrator (a customer-service system) opens
 * tickets and relays the customer's replies.
 */
const TICKET_WORKERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
] as const;

const FLOW_DESCRIPTION = `Status flow: \`open → in_progress → resolved → closed\`, and \`resolved → in_progress\` to
reopen; \`closed\` is final. Any other move gets 422 \`TICKET_STATUS_TRANSITION\`, with \`allowedStatuses\`.
A new \`assigneeId\` must be an active user whose own data scope holds the customer (422 \`INVALID_ASSIGNEE\`);
null unassigns. Each change is audited (entity \`ticket\`: \`status_changed\`, \`reassigned\`, \`edited\`).`;

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /**
   * Open a ticket on a customer in the caller's scope
   *
   * It is assigned to the customer's owner (null for a pool customer, which
   * only see-all roles reach) and is due a first response within setting
   * `ticketFirstResponseHours`. A pool customer a rep only looks at gets 409
   * CUSTOMER_IN_POOL: claim it first. Audited.
   */
  @Post()
  @Created('tickets/{id}')
  @Roles(...TICKET_WORKERS, 'integrator')
  @ApiProblems(404, 409)
  @ApiExamples({ request: CREATE_TICKET_EXAMPLE, response: TICKET_EXAMPLE })
  create(
    @Body() body: CreateTicketDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketResponse> {
    return this.tickets.create(principal, body);
  }

  /** List tickets in the caller's scope, newest first unless sorted otherwise */
  @Get()
  @AnyRole()
  @ApiExamples({ response: TICKET_PAGE_EXAMPLE })
  list(
    @Query() query: TicketQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketPage> {
    return this.tickets.list(principal, query);
  }

  /** Read a ticket */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: TICKET_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<TicketResponse> {
    return this.tickets.get(principal, id);
  }

  /** Change a ticket's subject, status or assignee. `If-Match: <version>` guards it */
  @Patch(':id')
  @Roles(...TICKET_WORKERS)
  @ApiOperation({ description: FLOW_DESCRIPTION })
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: UPDATE_TICKET_EXAMPLE, response: UPDATED_TICKET_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateTicketDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketResponse> {
    return this.tickets.update(principal, id, body, version);
  }

  /**
   * Reply on a ticket
   *
   * The first reply by a staff user is the first response: it stops the SLA
   * clock (`firstRespondedAt`) and moves an open ticket to `in_progress`. An
   * integrator's reply relays the customer and stops nothing. A closed ticket
   * gets 422 TICKET_CLOSED.
   */
  @Post(':id/replies')
  @Created('tickets/{ticketId}/replies/{id}')
  @Roles(...TICKET_WORKERS, 'integrator')
  @ApiProblems(404, 422)
  @ApiExamples({ request: CREATE_TICKET_REPLY_EXAMPLE, response: TICKET_REPLY_EXAMPLE })
  reply(
    @IdParam() id: string,
    @Body() body: CreateTicketReplyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketReplyResponse> {
    return this.tickets.reply(principal, id, body);
  }

  /** A ticket's replies, oldest first */
  @Get(':id/replies')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: TICKET_REPLY_PAGE_EXAMPLE })
  replies(
    @IdParam() id: string,
    @Query() query: TicketReplyQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketReplyPage> {
    return this.tickets.replies(principal, id, query);
  }

  /** Read one reply of a ticket */
  @Get(':id/replies/:replyId')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: TICKET_REPLY_EXAMPLE })
  getReply(
    @IdParam() id: string,
    @IdParam('replyId') replyId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TicketReplyResponse> {
    return this.tickets.getReply(principal, id, replyId);
  }
}

@ApiTags('jobs')
@Controller('jobs/ticket-sla')
export class TicketSlaController {
  constructor(private readonly sla: TicketSlaService) {}

  /**
   * Run the ticket first-response SLA check now
   *
   * Tickets open or in progress with no first response past
   * `firstResponseDueAt` are marked breached, and the assignee's supervisor
   * (or else the manager of the assignee's org unit) gets a
   * `ticket_sla_breach` todo, once per ticket ever. A run in progress here or
   * on another replica is waited for; the second run then creates nothing.
   */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  @ApiExamples({ response: TICKET_SLA_RUN_EXAMPLE })
  run(): Promise<TicketSlaRunResponse> {
    return this.sla.run();
  }
}
