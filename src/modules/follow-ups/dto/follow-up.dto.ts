import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { CLOCK_DRIFT_MS, IsTimestamp, NotInFuture } from '../../../core/http/timestamps';
import { ApiTime, ApiUuid, ApiUuids } from '../../../core/openapi/api-formats';
import { OBJECTION_CATEGORIES, ObjectionCategory } from '../../../core/settings/domain/settings';
import { Stage, STAGES } from '../../customers/customer.entity';
import { CHANNELS, Channel } from '../domain/evidence';
import { FOLLOW_UP_LIST } from '../follow-ups.repository';

const SPEAKERS = ['rep', 'customer'] as const;

/**
 * One segment of the voice-to-text minutes. Its parts are optional here
 * because a missing one is missing evidence (422 MISSING_EVIDENCE), not a
 * malformed request.
 */
export class TranscriptSegmentDto {
  /** When it was said, ISO-8601 with an offset. */
  @ApiTime() @IsOptional() @IsTimestamp() at?: string;

  @ApiPropertyOptional({ enum: SPEAKERS })
  @IsOptional()
  @IsIn(SPEAKERS)
  speaker?: 'rep' | 'customer';

  @IsOptional() @IsString() @MaxLength(5000) text?: string;
}

export class CreateFollowUpDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  /** When the touch happened, ISO-8601 with an offset; not in the future (5 minutes of clock drift allowed). */
  @ApiTime() @NotInFuture(CLOCK_DRIFT_MS) @IsTimestamp() occurredAt: string;

  /** The minutes: at least 10 characters (else 422 MISSING_EVIDENCE). */
  @IsOptional() @IsString() @MaxLength(10_000) summary?: string;

  /** Required for visit, call and meeting: the timestamped voice-to-text minutes. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => TranscriptSegmentDto)
  transcript?: TranscriptSegmentDto[];

  /** Attachments handed to the customer (a quote PDF, a comparison sheet). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  @ApiUuids()
  deliverableIds?: string[];

  /** Attachments proving the touch (the customer's reply, a signed note). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  @ApiUuids()
  proofIds?: string[];

  /** When the customer will be touched next; required unless `stage` is won or lost. */
  @ApiTime() @IsOptional() @IsTimestamp() nextTouchAt?: string;

  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  /**
   * Values of the follow-up custom fields (`GET /custom-fields?entity=follow_up`)
   * by key, e.g. `{ "tasting_feedback": "满意" }`; checked as `POST /custom-fields`
   * describes, a bad one is 400 naming `customFields.<key>`.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  customFields?: Record<string, unknown>;
}

export class ObjectionResponse {
  @ApiProperty({ enum: OBJECTION_CATEGORIES })
  category: ObjectionCategory;

  /** The sentence it was raised in. */
  quote: string;
}

export class TranscriptSegmentResponse {
  @ApiTime() at: string;
  @ApiProperty({ enum: SPEAKERS }) speaker: 'rep' | 'customer';
  text: string;
}

export class FollowUpResponse {
  @ApiUuid() id: string;
  @ApiUuid() customerId: string;
  /** Null when an integrator's API key recorded it. */
  @ApiUuid() authorId: string | null;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiTime() occurredAt: string;
  summary: string;
  transcript: TranscriptSegmentResponse[];
  @ApiUuids() deliverableIds: string[];
  @ApiUuids() proofIds: string[];
  @ApiTime() nextTouchAt: string | null;
  @ApiProperty({ enum: STAGES, nullable: true }) stage: Stage | null;
  objections: ObjectionResponse[];
  /** Its custom-field values by key; `{}` when it has none. */
  @ApiProperty({ type: 'object', additionalProperties: true }) customFields: Record<
    string,
    unknown
  >;
  /** When the customer confirmed it through a confirmation link; null until then. */
  @ApiTime() confirmedAt: string | null;
  @ApiTime() createdAt: string;
  /** When it last changed: its confirmation, or else its creation. */
  @ApiTime() updatedAt: string;
}

export class FollowUpQueryDto extends ListQueryDto(FOLLOW_UP_LIST) {}

export class FollowUpPage extends PageOf(FollowUpResponse) {}
