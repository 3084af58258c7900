import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageOf } from '../../../core/http/pagination';
import {
  IsDecimalNumber,
  MONEY_PATTERN,
  OptionalNotNull,
  TagList,
  Trimmed,
} from '../../../core/http/validation';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { SEGMENTS, Segment, Stage, STAGES } from '../customer.entity';
import { CUSTOMER_LIST } from '../customers.repository';

/** A new customer, with the fields that an update may change and its owner. */
export class CreateCustomerDto {
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name: string;

  /** Any common Chinese form; stored as E.164. */
  @IsString() @MaxLength(40) phone: string;

  @ApiProperty({ enum: SEGMENTS, required: false })
  @OptionalNotNull()
  @IsIn(SEGMENTS)
  segment?: Segment;

  @IsOptional() @Trimmed() @IsString() @MaxLength(200) company?: string | null;
  @IsOptional() @Trimmed() @IsString() @MaxLength(50) city?: string | null;

  /** Preference tags such as 只接受月结 or 倾向视频演示; each trimmed, none blank or twice. */
  @TagList()
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  /** Purchases a month, up to 4 decimals. */
  @IsOptional()
  @IsDecimalNumber(4)
  @Min(0)
  @Max(1e6)
  purchaseFrequency?: number | null;

  /** Money: a decimal string with up to 2 fraction digits, e.g. "1234.50". */
  @IsOptional()
  @IsString()
  @Matches(MONEY_PATTERN, {
    message: 'avgOrderValue must be a decimal string such as "1234.50"',
    context: { zh: 'avgOrderValue 必须是十进制字符串，例如 "1234.50"' },
  })
  avgOrderValue?: string | null;

  @IsOptional() @IsUUID() storeId?: string | null;
  @IsOptional() @IsString() @MaxLength(64) erpCode?: string | null;

  /**
   * Values of the customer custom fields (`GET /custom-fields?entity=customer`)
   * by key; a PATCH replaces the whole object. Checked as `POST /custom-fields`
   * describes: a bad one is 400 naming `customFields.<key>`. A value of a
   * deleted field may be sent back unchanged.
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @OptionalNotNull()
  @IsObject()
  customFields?: Record<string, unknown>;

  /** Supervisors and above may name an owner in their scope; a rep always owns what it creates. */
  @IsOptional() @IsUUID() ownerId?: string;
}

/**
 * Any of a customer's editable fields; owner and stage change elsewhere. A
 * field that is required on create may be left out, but not set to null.
 */
export class UpdateCustomerDto extends PartialType(OmitType(CreateCustomerDto, ['ownerId']), {
  skipNullProperties: false,
}) {}

export class CustomerQueryDto extends ListQueryDto(CUSTOMER_LIST) {
  /**
   * Matches name or company (part of it), or a phone in any accepted form: a whole number finds
   * its customer, part of a number only customers whose phone you see in full.
   */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
  @AnyOf({ format: 'uuid' }, 'Customers owned by any of these users.') ownerId?: string[];
  /** `true` lists only the public pool (customers without owner). */
  @IsOptional() @IsIn(['true', 'false']) pool?: 'true' | 'false';
  @AnyOf({ enum: STAGES }) stage?: Stage[];
  @AnyOf({ maxLength: 30 }, 'Customers with any of these tags.') tag?: string[];
}

export class TransferCustomerDto {
  @IsUUID() toUserId: string;
}

export class CustomerResponse {
  @ApiUuid() id: string;
  name: string;
  /** E.164; masked (+86138****8000) for a rep looking at a pool customer. */
  phone: string;
  /** True when `phone` is masked. */
  phoneMasked: boolean;
  @ApiProperty({ enum: SEGMENTS }) segment: Segment;
  company: string | null;
  city: string | null;
  tags: string[];
  purchaseFrequency: number | null;
  /** Money as a decimal string. */
  avgOrderValue: string | null;
  @ApiUuid() ownerId: string | null;
  @ApiUuid() storeId: string | null;
  erpCode: string | null;
  /** Its custom-field values by key; `{}` when it has none. */
  @ApiProperty({ type: 'object', additionalProperties: true }) customFields: Record<
    string,
    unknown
  >;
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiTime() lastInteractionAt: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class CustomerPage extends PageOf(CustomerResponse) {}
