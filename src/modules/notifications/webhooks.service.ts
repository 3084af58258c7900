import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { CredentialCipher } from '../erp-sync/connections/credential-cipher';
import {
  CreateWebhookDto,
  WebhookDeliveryPage,
  WebhookDeliveryQueryDto,
  WebhookDeliveryResponse,
  WebhookPage,
  WebhookQueryDto,
  WebhookResponse,
  WebhookRunResponse,
} from './dto/webhook.dto';
import { notificationMessages } from './notifications.exception';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookEvent } from './webhook-events';
import {
  WEBHOOK_DELIVERY_LIST,
  WEBHOOK_LIST,
  WebhookDeliveryRow,
  WebhookRow,
  WebhooksRepository,
} from './webhooks.repository';

/** Deliveries one `POST /webhooks/deliveries/run` attempts at most. */
export const RUN_LIMIT = 1000;

function toWebhook(row: WebhookRow): WebhookResponse {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEvent[],
    format: row.format,
    active: row.active,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toDelivery(row: WebhookDeliveryRow): WebhookDeliveryResponse {
  return {
    ...row,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Webhook subscriptions (the organisation's: admins and integrators manage
 * them) and their delivery log. The secret is sealed with CredentialCipher,
 * as the ERP credentials are, and never leaves this service.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly webhooks: WebhooksRepository,
    private readonly cipher: CredentialCipher,
    private readonly dispatcher: WebhookDispatcher,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateWebhookDto): Promise<WebhookResponse> {
    return this.tx.withTransaction(async () => {
      const row = await this.webhooks.insert({
        url: dto.url,
        events: dto.events,
        format: dto.format ?? 'json',
        sealedSecret: this.cipher.seal({ secret: dto.secret }),
        createdBy: principal.userId,
      });
      await this.audit.append({
        actor: principal,
        entity: 'webhook',
        entityId: row.id,
        action: 'created',
        data: { events: row.events, format: row.format },
      });
      return toWebhook(row);
    });
  }

  async list(query: WebhookQueryDto): Promise<WebhookPage> {
    const plan = await WEBHOOK_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.event) where.push(`w.events && ${params.add(query.event)}::text[]`);
    where.push(...plan.where(params));
    const rows = await this.webhooks.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toWebhook);
  }

  async get(id: string): Promise<WebhookResponse> {
    return toWebhook(await this.find(id));
  }

  /** Deletes the subscription with its delivery log; queued deliveries are dropped. */
  async delete(principal: Principal, id: string): Promise<void> {
    await this.tx.withTransaction(async () => {
      if (!(await this.webhooks.delete(id))) {
        throw new NotFoundException(notificationMessages.webhook, id);
      }
      await this.audit.append({
        actor: principal,
        entity: 'webhook',
        entityId: id,
        action: 'deleted',
        data: {},
      });
    });
  }

  async deliveries(id: string, query: WebhookDeliveryQueryDto): Promise<WebhookDeliveryPage> {
    const plan = await WEBHOOK_DELIVERY_LIST.plan(query, this.tx);
    await this.find(id);
    const params = new SqlParams();
    const where = [`d.webhook_id = ${params.add(id)}`];
    if (query.status) where.push(`d.status = ANY (${params.add(query.status)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.webhooks.listDeliveries(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toDelivery);
  }

  runDue(): Promise<WebhookRunResponse> {
    return this.dispatcher.runDue(RUN_LIMIT);
  }

  private async find(id: string): Promise<WebhookRow> {
    const row = await this.webhooks.findOne(id);
    if (!row) throw new NotFoundException(notificationMessages.webhook, id);
    return row;
  }
}
