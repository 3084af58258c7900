import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { IsDecimalNumber } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { APPROVER_ROLES, ApproverRole } from '../domain/approval-policy';
import { QUOTE_STATUSES, QuoteStatus } from '../domain/quote-status';
import { APPROVAL_LIST } from '../approvals.repository';
import { STEP_STATUSES, StepStatus } from '../approval-step.entity';

export class ApprovalRuleDto {
  /** A quote whose largest line discount reaches this percentage (0 to 99.99) matches. */
  @IsDecimalNumber(2) minDiscountPct: number;

  /** The roles that decide, in order: supervisor, finance_bp, regional_director, each at most once. */
  @ApiProperty({ enum: APPROVER_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(APPROVER_ROLES.length)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  chain: string[];
}

/**
 * The whole policy, replacing the one in force. Rules by ascending
 * `minDiscountPct`; the matching rule with the highest threshold wins.
 */
export class PutApprovalPolicyDto {
  @ApiProperty({ type: ApprovalRuleDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ApprovalRuleDto)
  rules: ApprovalRuleDto[];
}

export class ApprovalRuleResponse {
  minDiscountPct: number;
  @ApiProperty({ enum: APPROVER_ROLES, isArray: true }) chain: ApproverRole[];
}

export class ApprovalPolicyResponse {
  @ApiProperty({ type: ApprovalRuleResponse, isArray: true }) rules: ApprovalRuleResponse[];
  /** True while no policy was ever PUT: the contract's default is in force. */
  isDefault: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy: string | null;
  @ApiTime() updatedAt: string | null;
}

/** What GET /approvals lists: the steps the caller may decide now, or those it decided. */
export const APPROVAL_LIST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalListStatus = (typeof APPROVAL_LIST_STATUSES)[number];

export class ApprovalQueryDto extends ListQueryDto(APPROVAL_LIST) {
  /**
   * `pending` (the default): steps the caller may decide now. `approved` or
   * `rejected`: steps the caller decided so.
   */
  @AnyOf({ enum: APPROVAL_LIST_STATUSES }, 'Steps in any of these statuses.')
  status?: ApprovalListStatus[];
}

/** An approval step as GET /approvals lists it; `id` is what approve and reject take. */
export class ApprovalStepItem {
  @ApiUuid() id: string;
  @ApiUuid() quoteId: string;
  quoteNumber: string;
  /** The quote version the chain approves. */
  @ApiInteger() quoteVersion: number;
  @ApiUuid() customerId: string;
  @ApiProperty({ enum: APPROVER_ROLES }) role: ApproverRole;
  /** 0-based position in the chain. */
  @ApiInteger() stepIndex: number;
  @ApiProperty({ enum: STEP_STATUSES }) status: StepStatus;
  /** The quote's amount net of VAT, as a decimal string. */
  @ApiProperty({ type: String, example: '4776.00' }) amount: string;
  /** When the chain was built (the quote was submitted). */
  @ApiTime() createdAt: string;
  /** When the step's turn came. */
  @ApiTime() pendingSince: string | null;
  @ApiTime() decidedAt: string | null;
}

export class ApprovalPage extends PageOf(ApprovalStepItem) {}

export class DecisionDto {
  /** Why, for the record, e.g. 「同意，年度框架客户」. */
  @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class ApprovalStepResponse {
  @ApiUuid() id: string;
  @ApiInteger() stepIndex: number;
  @ApiProperty({ enum: APPROVER_ROLES }) role: ApproverRole;
  @ApiProperty({ enum: STEP_STATUSES }) status: StepStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deciderId: string | null;
  @ApiTime() decidedAt: string | null;
  comment: string | null;
}

export const QUOTE_APPROVAL_STATUSES = [
  'not_submitted',
  'not_required',
  'pending',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type QuoteApprovalStatus = (typeof QUOTE_APPROVAL_STATUSES)[number];

/**
 * The approval of a quote's latest version: `not_submitted` (a draft),
 * `not_required` (approved on submit, no discount needing a chain),
 * `pending`, `approved`, `rejected`, or `cancelled` (lost while pending).
 */
export class QuoteApprovalResponse {
  @ApiUuid() quoteId: string;
  @ApiProperty({ enum: QUOTE_STATUSES }) quoteStatus: QuoteStatus;
  @ApiInteger() quoteVersion: number;
  @ApiProperty({ enum: QUOTE_APPROVAL_STATUSES }) status: QuoteApprovalStatus;
  /** Why approval is (not) needed, in figures: the largest discount, the rule hit, the margin. */
  reason: string;
  @ApiProperty({ type: ApprovalStepResponse, isArray: true }) steps: ApprovalStepResponse[];
}
