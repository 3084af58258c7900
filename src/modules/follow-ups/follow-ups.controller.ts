import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { ConfirmationsService } from './confirmations.service';
import { CustomerBriefService } from './customer-brief.service';
import { ConfirmationLinkResponse } from './dto/confirmation.dto';
import { CustomerBriefResponse } from './dto/customer-brief.dto';
import {
  CreateFollowUpDto,
  FollowUpPage,
  FollowUpQueryDto,
  FollowUpResponse,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';
import {
  CONFIRMATION_LINK_EXAMPLE,
  CREATE_FOLLOW_UP_EXAMPLE,
  CUSTOMER_BRIEF_EXAMPLE,
  FOLLOW_UP_EXAMPLE,
  FOLLOW_UP_PAGE_EXAMPLE,
} from './dto/follow-up.examples';

@ApiTags('follow-ups')
@Controller()
export class FollowUpsController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly briefs: CustomerBriefService,
    private readonly confirmations: ConfirmationsService,
  ) {}

  /**
   * Record a touch with its evidence; 422 MISSING_EVIDENCE lists every missing piece
   *
   * Minutes of at least 10 characters; for visit, call and meeting a transcript
   * whose segments each have `at`, `speaker` and `text`; and `nextTouchAt` unless
   * `stage` is won or lost. Objections are extracted with the settings'
   * dictionary. The customer's `lastInteractionAt` (never moved back) and
   * `stage` change in the same transaction; the next touch opens an obligation.
   * A pool customer must be claimed first (409 CUSTOMER_IN_POOL).
   */
  @Post('customers/:id/follow-ups')
  @Created('follow-ups/{id}')
  @AnyRole()
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: CREATE_FOLLOW_UP_EXAMPLE, response: FOLLOW_UP_EXAMPLE })
  create(
    @IdParam() customerId: string,
    @Body() body: CreateFollowUpDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpResponse> {
    return this.followUps.create(principal, customerId, body);
  }

  /** List a customer's follow-ups, latest touch first */
  @Get('customers/:id/follow-ups')
  @AnyRole()
  @ApiProblems(404, 409)
  @ApiExamples({ response: FOLLOW_UP_PAGE_EXAMPLE })
  list(
    @IdParam() customerId: string,
    @Query() query: FollowUpQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpPage> {
    return this.followUps.list(principal, customerId, query);
  }

  /**
   * Read a customer's brief: tags, silence, the last 3 touches with objections, open quotes and purchases
   *
   * One round trip with a fixed number of queries. `silentHours` counts whole
   * hours since the last interaction (or the customer's creation).
   */
  @Get('customers/:id/brief')
  @AnyRole()
  @ApiProblems(404, 409)
  @ApiExamples({ response: CUSTOMER_BRIEF_EXAMPLE })
  brief(
    @IdParam() customerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerBriefResponse> {
    return this.briefs.brief(principal, customerId);
  }

  /** Read a follow-up, with `confirmedAt` once the customer has confirmed it */
  @Get('follow-ups/:id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: FOLLOW_UP_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<FollowUpResponse> {
    return this.followUps.get(principal, id);
  }

  /**
   * Make a single-use link for the customer to confirm this follow-up
   *
   * The token (256 random bits) is shown only in this answer and stored
   * hashed. The link expires after CONFIRMATION_TTL_HOURS (default 168). A
   * follow-up already confirmed answers 409 CONFIRMATION_USED.
   */
  @Post('follow-ups/:id/confirmations')
  @Created('public/confirmations/{token}')
  @AnyRole()
  @ApiProblems(404, 409)
  @ApiExamples({ response: CONFIRMATION_LINK_EXAMPLE })
  createConfirmation(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConfirmationLinkResponse> {
    return this.confirmations.createLink(principal, id);
  }
}
