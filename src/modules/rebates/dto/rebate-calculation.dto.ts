import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiUuid } from '../../../core/openapi/api-formats';
import { MONEY, moneyMessage } from '../../products/domain/product-patterns';
import { RebateErrorCode } from '../rebates.exception';

/** The most amounts one simulation takes. */
export const MAX_SIMULATED_AMOUNTS = 1000;

export class SimulateRebateDto {
  /** Annual purchases to price, money such as `"3000000.00"`: 1 to 1000 of them. */
  @ApiProperty({
    type: String,
    isArray: true,
    minItems: 1,
    maxItems: MAX_SIMULATED_AMOUNTS,
    example: ['1000000.00', '3000000.00'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SIMULATED_AMOUNTS)
  @IsString({ each: true })
  @Matches(MONEY, { each: true, ...moneyMessage('amounts', false) })
  amounts: string[];
}

export class SimulatedRebate {
  @ApiProperty({ type: String, example: '3000000.00' }) amount: string;
  /** The amount's rebate as annual purchases, capped, rounded half-up at the end. */
  @ApiProperty({ type: String, example: '50000.00' }) rebate: string;
  /** rebate / amount × 100; 0 for an amount of 0. */
  effectiveRatePct: number;
}

export class SimulationResponse {
  @ApiUuid() policyId: string;
  policyName: string;
  /** The version simulated: the latest. */
  @ApiInteger() policyVersion: number;
  /** The policy in words. */
  formula: string;
  /** In the order of `amounts`. */
  @ApiProperty({ type: SimulatedRebate, isArray: true }) items: SimulatedRebate[];
}

/**
 * One customer, named by `customerId` or by `customerName` (exactly one of
 * them, else 400): a name several customers you can see bear gets 409
 * `AMBIGUOUS_CUSTOMER` with their ids (up to 50, oldest first) in `candidates`.
 */
export class CalculateRebateDto {
  /** A customer in your data scope (the public pool is not: claim the customer first). */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  /** The customer's exact name (case and spaces inside count), e.g. `宁波海天机械有限公司`. */
  @IsOptional() @Trimmed() @IsString() @MinLength(1) @MaxLength(200) customerName?: string;

  /** Money: the purchase being considered, e.g. `"1000000.00"`. */
  @ApiProperty({ type: String, example: '1000000.00', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('estimatedAmount', false))
  estimatedAmount: string;

  /** A quote of the same customer (else 422 `QUOTE_OF_ANOTHER_CUSTOMER`): checks its margin after the rebate. */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  quoteId?: string;

  /**
   * A policy to apply as it is, whatever its segments and validity (a what-if);
   * left out: the policy for the customer's segment valid today, else 422 `NO_REBATE_POLICY`.
   */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  policyId?: string;
}

export class BreakdownRowResponse {
  @ApiProperty({ type: String, example: '0.00' }) from: string;
  /** Null for the top tier. */
  @ApiProperty({ type: String, example: '2000000.00', nullable: true }) to: string | null;
  ratePct: number;
  /** The part of the basis in `[from, to)` (progressive), or the whole basis (flat_tier). */
  @ApiProperty({ type: String, example: '2000000.00' }) base: string;
  /** Before the cap. */
  @ApiProperty({ type: String, example: '30000.00' }) rebate: string;
}

export class ComplianceMessage {
  @ApiProperty({ enum: [RebateErrorCode.BELOW_POST_REBATE_FLOOR] }) code: string;
  /** Chinese, as API.md §7 fixes it, whatever the language asked for. */
  text: string;
}

export class ComplianceResponse {
  /** False when the quote's margin after the rebate is below `minMarginPct`. */
  ok: boolean;
  /**
   * (quote amount − quote cost − incrementalRebate) / quote amount × 100, with the
   * exact incremental rebate; only with `quoteId`. Null for a quote whose
   * amount is 0, which is then not ok.
   */
  @ApiPropertyOptional({ type: Number, nullable: true }) marginAfterRebatePct?: number | null;
  /** The setting `minMarginPct`. */
  minMarginPct: number;
  @ApiProperty({ type: ComplianceMessage, isArray: true }) messages: ComplianceMessage[];
}

export class RebateCalculationResponse {
  @ApiUuid() policyId: string;
  policyName: string;
  /** The version applied; `GET /rebate-policies/{id}/versions/{version}` shows it later. */
  @ApiInteger() policyVersion: number;
  /** The policy in words. */
  formula: string;
  /** The customer's orders this calendar year (organisation time zone). */
  @ApiProperty({ type: String, example: '1500000.00' }) ytdPurchases: string;
  /** ytdPurchases + estimatedAmount. */
  @ApiProperty({ type: String, example: '2500000.00' }) basis: string;
  /** rebate(basis), capped. */
  @ApiProperty({ type: String, example: '40000.00' }) totalRebate: string;
  /** round(rebate(basis) − rebate(ytdPurchases)). */
  @ApiProperty({ type: String, example: '17500.00' }) incrementalRebate: string;
  /** incrementalRebate / estimatedAmount × 100; 0 when estimatedAmount is 0. */
  effectiveRatePct: number;
  @ApiProperty({ type: BreakdownRowResponse, isArray: true }) breakdown: BreakdownRowResponse[];
  compliance: ComplianceResponse;
  /** This answer as recorded. */
  @ApiUuid() calculationId: string;
}
