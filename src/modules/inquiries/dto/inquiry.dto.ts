import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { CLOCK_DRIFT_MS, IsTimestamp, NotInFuture } from '../../../core/http/timestamps';
import { OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { INQUIRY_CHANNELS, InquiryChannel } from '../domain/channels';
import { INQUIRY_LIST } from '../inquiries.repository';

/**
 * An inquiry names its customer by `customerId`, or by `name` and `phone`
 * (one form or the other, else 400; null is no value: 400). A phone is matched, normalised, to the
 * customer holding it, whoever owns it; an unknown one makes a `lead` in the
 * public pool under `name`.
 */
export class CreateInquiryDto {
  /** A customer in your data scope or the public pool (404 otherwise). */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  customerId?: string;

  /** The enquirer's name, e.g. `王先生`: the new lead's name when the phone is unknown. */
  @OptionalNotNull() @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name?: string;

  /** Any common Chinese form (`138 0013 8000`, `+86 138-0013-8000`, `021-12345678`). */
  @OptionalNotNull() @IsString() @MaxLength(40) phone?: string;

  @ApiProperty({ enum: INQUIRY_CHANNELS })
  @IsIn(INQUIRY_CHANNELS)
  channel: InquiryChannel;

  /** When it came in, ISO-8601 with an offset; not in the future (5 minutes of clock drift allowed). */
  @ApiTime() @NotInFuture(CLOCK_DRIFT_MS) @IsTimestamp() receivedAt: string;

  /** What the customer asked, e.g. `想了解 6205 轴承的批量价格和交期`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(5000) content: string;
}

export class InquiryResponse {
  @ApiUuid() id: string;
  /**
   * The customer the inquiry is attached to. Given a phone, it is the
   * customer holding that phone even when you cannot see it: then
   * `GET /customers/{id}` and this inquiry's GET answer 404, and nothing else
   * about that customer is shown (see docs/inquiries.md).
   */
  @ApiUuid() customerId: string;
  @ApiProperty({ enum: INQUIRY_CHANNELS }) channel: InquiryChannel;
  @ApiTime() receivedAt: string;
  content: string;
  /** The user who recorded it; null when an integrator's API key did. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
}

export class InquiryQueryDto extends ListQueryDto(INQUIRY_LIST) {
  @AnyOf({ format: 'uuid' }, 'Only the inquiries of any of these customers.')
  customerId?: string[];

  @AnyOf({ enum: INQUIRY_CHANNELS }) channel?: InquiryChannel[];

  /** Only the inquiries received at or after this time. */
  @ApiTime() @IsOptional() @IsTimestamp() receivedFrom?: string;

  /** Only the inquiries received before this time. */
  @ApiTime() @IsOptional() @IsTimestamp() receivedTo?: string;
}

export class InquiryPage extends PageOf(InquiryResponse) {}
