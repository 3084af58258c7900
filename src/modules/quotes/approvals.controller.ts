import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { RequestLanguage } from '../../core/i18n/request-language';
import { Language } from '../../core/i18n/text';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  ApprovalPage,
  ApprovalPolicyResponse,
  ApprovalQueryDto,
  DecisionDto,
  PutApprovalPolicyDto,
  QuoteApprovalResponse,
} from './dto/approval.dto';
import {
  APPROVAL_PAGE_EXAMPLE,
  APPROVAL_POLICY_EXAMPLE,
  APPROVE_EXAMPLE,
  APPROVED_STEP_EXAMPLE,
  PUT_APPROVAL_POLICY_EXAMPLE,
  REJECT_EXAMPLE,
  REJECTED_STEP_EXAMPLE,
} from './dto/quote.examples';
import { ApprovalPoliciesService } from './approval-policies.service';
import { ApprovalsService } from './approvals.service';

@ApiTags('approvals')
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** Approval steps the caller may decide now (`status=pending`, the default), or has decided */
  @Get()
  @AnyRole()
  @ApiExamples({ response: APPROVAL_PAGE_EXAMPLE })
  list(
    @Query() query: ApprovalQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalPage> {
    return this.approvals.list(principal, query);
  }

  /** Approve a step; the next step's deciders get a todo, and the last approval approves the quote */
  @Post(':id/approve')
  @AnyRole()
  @HttpCode(200)
  @ApiProblems(403, 404, 409, 422)
  @ApiExamples({ request: APPROVE_EXAMPLE, response: APPROVED_STEP_EXAMPLE })
  approve(
    @IdParam() id: string,
    @Body() body: DecisionDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteApprovalResponse> {
    return this.approvals.decide(principal, id, 'approve', body.comment, language);
  }

  /** Reject a step: the chain ends and the quote is rejected */
  @Post(':id/reject')
  @AnyRole()
  @HttpCode(200)
  @ApiProblems(403, 404, 409)
  @ApiExamples({ request: REJECT_EXAMPLE, response: REJECTED_STEP_EXAMPLE })
  reject(
    @IdParam() id: string,
    @Body() body: DecisionDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteApprovalResponse> {
    return this.approvals.decide(principal, id, 'reject', body.comment, language);
  }
}

/** Who sets the approval policy: the organisation's, not a team's. */
const POLICY_KEEPERS = ['admin', 'sales_director'] as const;

@ApiTags('approvals')
@Controller('approval-policies')
export class ApprovalPoliciesController {
  constructor(private readonly policies: ApprovalPoliciesService) {}

  /** The approval policy in force (the contract's default until one is set) */
  @Get()
  @AnyRole()
  @ApiExamples({ response: APPROVAL_POLICY_EXAMPLE })
  get(): Promise<ApprovalPolicyResponse> {
    return this.policies.get();
  }

  /** Replace the approval policy; it applies to quotes submitted from now on. Audited */
  @Put()
  @Roles(...POLICY_KEEPERS)
  @ApiProblems()
  @ApiExamples({ request: PUT_APPROVAL_POLICY_EXAMPLE, response: APPROVAL_POLICY_EXAMPLE })
  put(
    @Body() body: PutApprovalPolicyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalPolicyResponse> {
    return this.policies.put(principal, body);
  }
}
