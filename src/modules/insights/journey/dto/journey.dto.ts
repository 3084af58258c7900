import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../../core/http/pagination';
import { IsTimestamp } from '../../../../core/http/timestamps';
import { ApiTime } from '../../../../core/openapi/api-formats';
import { JOURNEY_KINDS, JourneyKind } from '../domain/journey-summary';

/** `?from=&to=` (a half-open window, all time by default) and the page. */
export class JourneyQueryDto extends PageQueryDto {
  /** Only the items at or after this time, ISO-8601 with an offset. */
  @ApiTime() @IsOptional() @IsTimestamp() from?: string;

  /** Only the items before this time, ISO-8601 with an offset; after `from` (else 400). */
  @ApiTime() @IsOptional() @IsTimestamp() to?: string;
}

/** One event of the customer's history. */
export class JourneyItemResponse {
  /** When it happened (a signal's, inquiry's, follow-up's or order's own time; else when it was recorded). */
  @ApiTime() at: string;

  /**
   * `signal`, `inquiry`, `follow_up`, `quote` (submitted or lost), `quote_version`
   * (each version; version 1 is the quote's creation), `approval` (a step approved or
   * rejected), `contract` (signed: the quote is won), `order`, `ticket` (opened).
   */
  @ApiProperty({ enum: JOURNEY_KINDS }) kind: JourneyKind;

  /** One line in plain Chinese, e.g. `报价 Q-2026-000012 第 2 版：¥12,300.00`. */
  summary: string;

  /**
   * The id of the item's record: the signal's (an integer, as a string), the
   * inquiry's, follow-up's, contract's, order's, ticket's or approval step's
   * (a UUID); for `quote` and `quote_version`, the quote's, as versions have
   * no id of their own (the version number is in the summary).
   */
  refId: string;
}

export class JourneyPage extends PageOf(JourneyItemResponse) {}
