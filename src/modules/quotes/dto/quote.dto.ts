import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import {
  CLOCK_DRIFT_MS,
  IsCalendarDate,
  IsTimestamp,
  NotInFuture,
} from '../../../core/http/timestamps';
import { Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { QUOTE_STATUSES, QuoteStatus } from '../domain/quote-status';
import { QUOTE_LIST } from '../quotes.repository';
import { MAX_QUOTE_LINES, QuoteLineDto } from './quote-line.dto';

/** 1 to 500 lines, each priced at or above its product's floor price; they replace all earlier lines. */
const QuoteLines = () =>
  applyDecorators(
    ApiProperty({ type: QuoteLineDto, isArray: true }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_QUOTE_LINES),
    ValidateNested({ each: true }),
    Type(() => QuoteLineDto),
  );

/** What both a new quote and a new version may set besides lines. */
class QuoteTermsDto {
  /** The last day the prices hold, a calendar date such as `2026-12-31`; null for none. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;

  /** Terms for the customer, printed on the PDF, e.g. 「含运费，款到发货」. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

/** `templateId` and `lines` are alternatives: a quote starts from one of them. */
const WithoutLines = () =>
  ValidateBy({
    name: 'withoutLines',
    validator: {
      validate: (_value, args) => (args?.object as CreateQuoteDto).lines === undefined,
      defaultMessage: () => 'templateId and lines exclude each other: send one of them',
    },
  });

/**
 * `lines`, or a `templateId` whose lines are copied at today's list prices
 * where the template names no price; one of the two, not both.
 */
export class CreateQuoteDto extends QuoteTermsDto {
  /** A customer owned by the caller or by someone below the caller. */
  @ApiUuid() @IsUUID() customerId: string;

  /** Required unless `templateId` is given. */
  @ValidateIf((dto: CreateQuoteDto) => dto.templateId === undefined)
  @QuoteLines()
  lines?: QuoteLineDto[];

  /** A quote template to start from, instead of `lines`. */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  @WithoutLines()
  templateId?: string;

  /**
   * Values of the quote custom fields (`GET /custom-fields?entity=quote`) by
   * key; checked as `POST /custom-fields` describes, a bad one is 400 naming
   * `customFields.<key>`.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  customFields?: Record<string, unknown>;
}

/** New lines, validity or note: each PATCH writes version n+1. */
export class UpdateQuoteDto extends QuoteTermsDto {
  @IsOptional() @QuoteLines() lines?: QuoteLineDto[];
}

export class LoseQuoteDto {
  /** Why it was lost, e.g. 「客户选择了竞品，价格低 8 %」; metrics group losses by it. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(500) reason: string;

  /** When it was lost, ISO-8601 with an offset; now when left out. Not in the future. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @NotInFuture(CLOCK_DRIFT_MS)
  @IsTimestamp()
  at?: string;
}

export class QuoteQueryDto extends ListQueryDto(QUOTE_LIST) {
  @AnyOf({ format: 'uuid' }, 'Quotes for any of these customers.') customerId?: string[];
  @AnyOf({ enum: QUOTE_STATUSES }, 'Quotes in any of these statuses.') status?: QuoteStatus[];
  @AnyOf({ format: 'uuid' }, 'Quotes owned by any of these users.') ownerId?: string[];
}

/** A line as priced when its version was saved. Money net of VAT, as decimal strings. */
export class QuoteLineResponse {
  @ApiUuid() productId: string;
  sku: string;
  name: string;
  unit: string;
  qty: number;
  @ApiProperty({ type: String, example: '39.80' }) unitPrice: string;
  /** The product's list price when the version was saved. */
  @ApiProperty({ type: String, example: '42.00' }) listPrice: string;
  /** qty × unitPrice. */
  @ApiProperty({ type: String, example: '4776.00' }) amount: string;
  /** qty × the product's cost. */
  @ApiProperty({ type: String, example: '3600.00' }) cost: string;
  taxRatePct: number;
  @ApiProperty({ type: String, example: '620.88' }) taxAmount: string;
  /** (amount − cost) / amount × 100; null when amount is 0. */
  marginPct: number | null;
  /** (listPrice − unitPrice) / listPrice × 100; negative for a price above list. */
  discountPct: number | null;
  /** The lowest unit price the floor lock allows, rounded up to the cent. */
  @ApiProperty({ type: String, example: '34.29' }) floorPrice: string;
}

export class QuoteTotalsResponse {
  @ApiProperty({ type: String, example: '4776.00' }) amount: string;
  @ApiProperty({ type: String, example: '3600.00' }) cost: string;
  /** Null when amount is 0. */
  marginPct: number | null;
  @ApiProperty({ type: String, example: '620.88' }) taxAmount: string;
  @ApiProperty({ type: String, example: '5396.88' }) amountWithTax: string;
}

/** A quote at its latest version. */
export class QuoteResponse {
  @ApiUuid() id: string;
  /** Human-readable and unique, e.g. `Q-2026-000123`. */
  number: string;
  /** The latest version; `If-Match` on PATCH compares with it. */
  @ApiInteger() version: number;
  @ApiProperty({ enum: QUOTE_STATUSES }) status: QuoteStatus;
  @ApiUuid() customerId: string;
  /** The customer's owner, whom an open quote follows. */
  @ApiUuid() ownerId: string;
  @ApiProperty({ type: QuoteLineResponse, isArray: true }) lines: QuoteLineResponse[];
  totals: QuoteTotalsResponse;
  /**
   * Whether a discount needs the approval chain: as decided at the latest
   * submit (under the policy and prices of that moment), or, for a version
   * not submitted yet, as of saving it.
   */
  approvalRequired: boolean;
  /** Why approval is (not) needed, in figures: the largest discount, the rule hit, the margin. */
  approvalReason: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) templateId: string | null;
  /** Set once the quote is lost. */
  lostReason: string | null;
  @ApiTime() lostAt: string | null;
  /** Its custom-field values by key; `{}` when it has none. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  customFields: Record<string, unknown>;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

/** A quote in a list: everything but its lines and note, which GET /quotes/:id gives. */
export class QuoteSummaryResponse extends OmitType(QuoteResponse, [
  'lines',
  'note',
  'templateId',
]) {}

export class QuotePage extends PageOf(QuoteSummaryResponse) {}

/** An archived version, as it was saved; never changed. */
export class QuoteVersionResponse {
  @ApiUuid() quoteId: string;
  number: string;
  @ApiInteger() version: number;
  @ApiProperty({ type: QuoteLineResponse, isArray: true }) lines: QuoteLineResponse[];
  totals: QuoteTotalsResponse;
  approvalRequired: boolean;
  approvalReason: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiTime() createdAt: string;
}

export class QuoteVersionList {
  @ApiProperty({ type: QuoteVersionResponse, isArray: true }) items: QuoteVersionResponse[];
}
