import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { OptionalNotNull } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { WEBHOOK_EVENTS, WebhookEvent } from '../webhook-events';
import { WEBHOOK_FORMATS, WebhookFormat } from '../webhook.entity';
import { WEBHOOK_DELIVERY_LIST, WEBHOOK_LIST } from '../webhooks.repository';

const URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  disallow_auth: true,
};
const URL_MESSAGE = {
  message: 'url must be an http or https URL without user name or password',
  context: { zh: 'url 必须是 http 或 https 地址，且不含用户名和密码' },
};

/** A subscription: which events to POST where, signed with `secret`. */
export class CreateWebhookDto {
  /** The receiver, e.g. `https://hooks.example.com/sales` or a WeCom robot's URL. */
  @ApiProperty({ format: 'uri', example: 'https://hooks.example.com/sales' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  /**
   * The HMAC-SHA256 key of `X-Signature`, 16 to 256 characters. Sealed at
   * rest; never returned or logged.
   */
  @IsString() @MinLength(16) @MaxLength(256) secret: string;

  /** `json` (the default): the signed JSON envelope; `wecom`: a WeCom group-robot markdown message. */
  @ApiPropertyOptional({ enum: WEBHOOK_FORMATS, default: 'json' })
  @OptionalNotNull()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;
}

export class WebhookQueryDto extends ListQueryDto(WEBHOOK_LIST) {
  @AnyOf({ enum: WEBHOOK_EVENTS }, 'Only the subscriptions to any of these events.')
  event?: WebhookEvent[];
}

/** A subscription as the API shows it: never its secret. */
export class WebhookResponse {
  @ApiUuid() id: string;
  @ApiProperty({ format: 'uri' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty({ enum: WEBHOOK_FORMATS }) format: WebhookFormat;
  active: boolean;
  /** The user who subscribed; null when an API key did. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class WebhookPage extends PageOf(WebhookResponse) {}

export class WebhookDeliveryQueryDto extends ListQueryDto(WEBHOOK_DELIVERY_LIST) {
  @AnyOf({ enum: WEBHOOK_DELIVERY_STATUSES }) status?: WebhookDeliveryStatus[];
}

/** One event sent (or being sent) to one subscription. */
export class WebhookDeliveryResponse {
  /** Also the `X-Delivery-Id` header: the receiver's idempotency key. */
  @ApiUuid() id: string;
  @ApiUuid() webhookId: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: string;

  /** `pending` (queued or retrying), `delivered` (2xx), `failed` (no retry can help), `dead` (retries ran out). */
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status: WebhookDeliveryStatus;

  @ApiInteger() attempts: number;
  /** The HTTP status of the last answer; null before any, or when none came. */
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  /** Why the last attempt failed, e.g. `HTTP 503`; never a secret or the URL. */
  lastError: string | null;
  @ApiTime() deliveredAt: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

export class WebhookDeliveryPage extends PageOf(WebhookDeliveryResponse) {}

export class WebhookRunResponse {
  @ApiInteger() processed: number;
  @ApiInteger() delivered: number;
  @ApiInteger() failed: number;
  @ApiInteger() retrying: number;
  @ApiInteger() dead: number;
}
