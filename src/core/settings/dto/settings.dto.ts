import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDecimalNumber, OptionalNotNull, Trimmed } from '../../http/validation';
import { ApiInteger } from '../../openapi/api-formats';

export class SilentHoursDto {
  /** Hours without interaction before a B2B customer counts as silent. */
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  @ApiInteger()
  b2b?: number;

  /** Hours without interaction before a B2C customer counts as silent. */
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  @ApiInteger()
  b2c?: number;
}

const keywordList = () => {
  const decorators = [
    OptionalNotNull(),
    IsArray(),
    ArrayMaxSize(200),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(32, { each: true }),
  ];
  return (target: object, key: string) => decorators.forEach((decorator) => decorator(target, key));
};

export class ObjectionKeywordsDto {
  @keywordList() price?: string[];
  @keywordList() delivery?: string[];
  @keywordList() payment?: string[];
  @keywordList() quality?: string[];
  @keywordList() competitor?: string[];
  @keywordList() service?: string[];
}

/** Any subset of the settings. `silentHours` and `objectionKeywords` merge per key. */
export class UpdateSettingsDto {
  /** The seller's name as customer documents (the quote PDF) print it, e.g. 「杭州精工机械有限公司」; trimmed, 1–100 characters. */
  @OptionalNotNull()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^\P{Cc}*$/u, {
    message: 'companyName must be one line without control characters',
    context: { zh: 'companyName 必须是一行文字，不含控制字符' },
  })
  companyName?: string;

  /** IANA time zone in which days and weeks are counted. */
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @OptionalNotNull()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(99.99)
  minMarginPct?: number;

  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SilentHoursDto)
  silentHours?: SilentHoursDto;

  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(24 * 30)
  @ApiInteger()
  complianceGraceHours?: number;

  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  @ApiInteger()
  firstResponseTargetMinutes?: number;

  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  @ApiInteger()
  ticketFirstResponseHours?: number;

  /** The funnel anomaly's baseline: this many weeks before the evaluated one, 2–52. */
  @OptionalNotNull()
  @IsInt()
  @Min(2)
  @Max(52)
  @ApiInteger()
  funnelAnomalyWindowWeeks?: number;

  /** k in the funnel anomaly's threshold mean + k·σ, 0.5–10 with up to 2 decimals. */
  @OptionalNotNull()
  @IsDecimalNumber(2)
  @Min(0.5)
  @Max(10)
  funnelAnomalySigmaMultiplier?: number;

  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ObjectionKeywordsDto)
  objectionKeywords?: ObjectionKeywordsDto;
}

export class SilentHoursResponse {
  @ApiInteger() b2b: number;
  @ApiInteger() b2c: number;
}

export class ObjectionKeywordsResponse {
  @ApiProperty({ type: [String] }) price: string[];
  @ApiProperty({ type: [String] }) delivery: string[];
  @ApiProperty({ type: [String] }) payment: string[];
  @ApiProperty({ type: [String] }) quality: string[];
  @ApiProperty({ type: [String] }) competitor: string[];
  @ApiProperty({ type: [String] }) service: string[];
}

export class SettingsResponse {
  /** The seller's name on customer documents; 「本公司」 until an admin sets it. */
  companyName: string;
  timezone: string;
  minMarginPct: number;
  silentHours: SilentHoursResponse;
  @ApiInteger() complianceGraceHours: number;
  @ApiInteger() firstResponseTargetMinutes: number;
  @ApiInteger() ticketFirstResponseHours: number;
  @ApiInteger() funnelAnomalyWindowWeeks: number;
  funnelAnomalySigmaMultiplier: number;
  objectionKeywords: ObjectionKeywordsResponse;
  /** Send back as `If-Match` when you PATCH. */
  @ApiInteger() version: number;
}
