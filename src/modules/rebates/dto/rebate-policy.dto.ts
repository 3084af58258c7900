import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { IsCalendarDate } from '../../../core/http/timestamps';
import { IsDecimalNumber, OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { SEGMENTS, Segment } from '../../customers/customer.entity';
import { MONEY, moneyMessage, POSITIVE_MONEY } from '../../products/domain/product-patterns';
import type { RebateMethod } from '../domain/tier-math';
import { REBATE_BASES, REBATE_METHODS, RebateBasis } from '../rebate-policy.entity';
import { REBATE_POLICY_LIST } from '../rebates.repository';

/** The most tiers a policy has. */
export const MAX_REBATE_TIERS = 50;

export class RebateTierDto {
  /**
   * Money, the annual purchases from which the tier's rate applies (at or
   * above it), e.g. `"2000000.00"`; tiers ascend, the first is `"0.00"` or higher.
   */
  @ApiProperty({ type: String, example: '2000000.00', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('threshold', false))
  threshold: string;

  /** The tier's rate in percent, 0 to 100 with up to 4 decimals: `1.5` means 1.5 %. */
  @IsDecimalNumber(4) @Min(0) @Max(100) ratePct: number;
}

/**
 * A rebate policy. Policies sharing a segment may not be valid on the same
 * day (409 `POLICY_OVERLAP`), so that a customer's policy today is never in doubt.
 */
export class CreateRebatePolicyDto {
  /** e.g. `2027 年度工业配件经销商返点`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(200) name: string;

  /** What the tiers measure: the customer's purchases this calendar year. */
  @ApiProperty({ enum: REBATE_BASES })
  @IsIn(REBATE_BASES)
  basis: RebateBasis;

  /** `progressive` (超额累进): each slice earns its tier's rate. `flat_tier` (全额累进): the whole basis earns the reached tier's rate. */
  @ApiProperty({ enum: REBATE_METHODS })
  @IsIn(REBATE_METHODS)
  method: RebateMethod;

  /** Ascending by threshold; a problem gets 400 naming the field, e.g. `tiers[1].threshold`. */
  @ApiProperty({ type: RebateTierDto, isArray: true, minItems: 1, maxItems: MAX_REBATE_TIERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REBATE_TIERS)
  @ValidateNested({ each: true })
  @Type(() => RebateTierDto)
  tiers: RebateTierDto[];

  /** Money above zero: no amount earns more than this in total; null or left out: no cap. */
  @ApiPropertyOptional({
    type: String,
    example: '100000.00',
    pattern: POSITIVE_MONEY.source,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Matches(POSITIVE_MONEY, moneyMessage('capAmount', true))
  capAmount?: string | null;

  /** The customer segments it applies to; left out: both. */
  @ApiPropertyOptional({ enum: SEGMENTS, isArray: true, minItems: 1 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SEGMENTS, { each: true })
  segments?: Segment[];

  /** The first day it applies (inclusive, in the organisation's time zone); null or left out: always did. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-01-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string | null;

  /** The last day it applies (inclusive); not before validFrom; null or left out: open-ended. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;
}

/**
 * Any of a policy's fields; a field required on create may be left out, but
 * not set to null. `capAmount`, `validFrom` and `validTo` take null to clear.
 */
export class UpdateRebatePolicyDto extends PartialType(CreateRebatePolicyDto, {
  skipNullProperties: false,
}) {}

export class RebatePolicyQueryDto extends ListQueryDto(REBATE_POLICY_LIST) {
  @AnyOf({ enum: REBATE_METHODS }, 'Policies of any of these methods.') method?: RebateMethod[];
  @AnyOf({ enum: SEGMENTS }, 'Policies applying to any of these segments.') segment?: Segment[];
}

export class RebateTierResponse {
  @ApiProperty({ type: String, example: '2000000.00' }) threshold: string;
  /** Rounded half-up to 2 places; the math uses the rate as written. */
  ratePct: number;
}

/** A policy's own fields, as a version holds them. */
class RebatePolicyFieldsResponse {
  /** The policy's id. */
  @ApiUuid() id: string;
  @ApiInteger() version: number;
  name: string;
  @ApiProperty({ enum: REBATE_BASES }) basis: RebateBasis;
  @ApiProperty({ enum: REBATE_METHODS }) method: RebateMethod;
  @ApiProperty({ type: RebateTierResponse, isArray: true }) tiers: RebateTierResponse[];
  @ApiProperty({ type: String, example: '100000.00', nullable: true }) capAmount: string | null;
  @ApiProperty({ enum: SEGMENTS, isArray: true }) segments: Segment[];
  /** Inclusive, a day in the organisation's time zone; null: open. */
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom: string | null;
  /** Inclusive; null: open-ended. */
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
  /** The policy in words, e.g. `0–2,000,000 × 1.5 % + 2,000,000 以上 × 2 %`. */
  formula: string;
}

/** A policy at its latest version; `If-Match` on PATCH compares with `version`. */
export class RebatePolicyResponse extends RebatePolicyFieldsResponse {
  /** Its author; null for an integrator's API key. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

/** A policy as one of its versions stood: what an old calculation applied. */
export class RebatePolicyVersionResponse extends RebatePolicyFieldsResponse {
  /** Who wrote this version; null for an integrator's API key. */
  @ApiUuid() createdBy: string | null;
  /** When this version was written. */
  @ApiTime() createdAt: string;
}

export class RebatePolicyPage extends PageOf(RebatePolicyResponse) {}
