import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { CustomerResponse } from '../../customers/dto/customer.dto';
import { FollowUpResponse } from './follow-up.dto';

/** A quote still open for the customer: a draft, pending approval, or approved and not yet won. */
export class BriefQuoteResponse {
  @ApiUuid() id: string;
  /** e.g. `Q-2026-000123`. */
  number: string;
  /** Its latest version. */
  @ApiInteger() version: number;
  @ApiProperty({ enum: ['draft', 'pending_approval', 'approved'] })
  status: 'draft' | 'pending_approval' | 'approved';
  /** Net of VAT, as a decimal string. */
  @ApiProperty({ type: String, example: '4776.00' }) amount: string;
  @ApiProperty({ type: String, example: '5396.88' }) amountWithTax: string;
  /** The last day its prices hold. */
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
}

/** What a rep reads before calling a customer, in one round trip. */
export class CustomerBriefResponse {
  customer: CustomerResponse;
  tags: string[];
  @ApiTime() lastInteractionAt: string | null;
  /** Whole hours since the last interaction (or since the customer was created). */
  @ApiInteger() silentHours: number;
  /** The last 3 touches, newest first, each with its objections. */
  @ApiProperty({ type: FollowUpResponse, isArray: true })
  lastFollowUps: FollowUpResponse[];
  @ApiProperty({ type: BriefQuoteResponse, isArray: true })
  openQuotes: BriefQuoteResponse[];
  /** Purchases since 1 January in the organisation's time zone; money as a decimal string. */
  ytdPurchases: string;
}
