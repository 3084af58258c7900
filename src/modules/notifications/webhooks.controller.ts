import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CREATE_WEBHOOK_EXAMPLE,
  WEBHOOK_DELIVERY_PAGE_EXAMPLE,
  WEBHOOK_EXAMPLE,
  WEBHOOK_PAGE_EXAMPLE,
  WEBHOOK_RUN_EXAMPLE,
} from './dto/notifications.examples';
import {
  CreateWebhookDto,
  WebhookDeliveryPage,
  WebhookDeliveryQueryDto,
  WebhookPage,
  WebhookQueryDto,
  WebhookResponse,
  WebhookRunResponse,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

/** Who manages the organisation's webhook subscriptions. */
const WEBHOOK_ADMINS = ['admin', 'integrator'] as const;

@ApiTags('notifications')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /**
   * Subscribe a URL to events
   *
   * Each delivery is a POST signed with `secret`: `X-Signature: sha256=<hex
   * HMAC-SHA256 of "<X-Timestamp>.<body>">`, with `X-Timestamp` (Unix
   * seconds), `X-Webhook-Id` and `X-Delivery-Id` (the idempotency key).
   * `format: "wecom"` sends a WeCom group-robot markdown message instead of
   * the JSON envelope. The secret is sealed at rest and never returned.
   */
  @Post()
  @Created('webhooks/{id}')
  @Roles(...WEBHOOK_ADMINS)
  @ApiExamples({ request: CREATE_WEBHOOK_EXAMPLE, response: WEBHOOK_EXAMPLE })
  create(
    @Body() body: CreateWebhookDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookResponse> {
    return this.webhooks.create(principal, body);
  }

  /** List webhook subscriptions, newest first */
  @Get()
  @Roles(...WEBHOOK_ADMINS)
  @ApiExamples({ response: WEBHOOK_PAGE_EXAMPLE })
  list(@Query() query: WebhookQueryDto): Promise<WebhookPage> {
    return this.webhooks.list(query);
  }

  /** Send the due webhook deliveries now (up to 1000 per call), besides the workers' schedule */
  @Post('deliveries/run')
  @HttpCode(200)
  @Roles('admin')
  @ApiExamples({ response: WEBHOOK_RUN_EXAMPLE })
  run(): Promise<WebhookRunResponse> {
    return this.webhooks.runDue();
  }

  /** Read a webhook subscription, without its secret */
  @Get(':id')
  @Roles(...WEBHOOK_ADMINS)
  @ApiProblems(404)
  @ApiExamples({ response: WEBHOOK_EXAMPLE })
  get(@IdParam() id: string): Promise<WebhookResponse> {
    return this.webhooks.get(id);
  }

  /** Delete a webhook subscription with its delivery log; queued deliveries are dropped */
  @Delete(':id')
  @HttpCode(204)
  @Roles(...WEBHOOK_ADMINS)
  @ApiProblems(404)
  delete(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.webhooks.delete(principal, id);
  }

  /** The delivery log of a webhook subscription, newest first; `status=failed,dead` shows what needs a person */
  @Get(':id/deliveries')
  @Roles(...WEBHOOK_ADMINS)
  @ApiProblems(404)
  @ApiExamples({ response: WEBHOOK_DELIVERY_PAGE_EXAMPLE })
  deliveries(
    @IdParam() id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(id, query);
  }
}
