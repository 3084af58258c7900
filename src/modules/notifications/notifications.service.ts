import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { utcTimesIn } from '../../core/http/timestamps';
import {
  NotificationQueryDto,
  NotificationResponse,
  ReadAllResponse,
} from './dto/notification.dto';
import { notificationMessages } from './notifications.exception';
import {
  NOTIFICATION_LIST,
  NotificationRow,
  NotificationsRepository,
} from './notifications.repository';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookEvent } from './webhook-events';
import { WebhooksRepository } from './webhooks.repository';

/** What `notify` writes: one notification per recipient. */
export interface NewNotification {
  /** The writer's name for what happened, e.g. `alert_cc`; inboxes filter on it. */
  type: string;
  /** For people, in Chinese. */
  title: string;
  /** The figures; Dates become UTC ISO strings. */
  payload: Record<string, unknown>;
  /**
   * What the notification is about (e.g. `alert:<rule>:<unit>:<week>`), for
   * writers that may run twice: a recipient gets one per key, ever.
   */
  dedupeKey?: string;
}

function toNotification(row: NotificationRow): NotificationResponse {
  return {
    id: row.id,
    userId: row.userId,
    type: row.type,
    title: row.title,
    payload: utcTimesIn(row.payload) as Record<string, unknown>,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * The in-app inbox and the way out to webhooks (API.md §8). Other modules
 * call `notify` and `publish` inside their own transaction: what they write
 * and the notifications or deliveries it causes commit together, and the
 * deliveries are sent after the commit (the outbox).
 *
 * Notifications belong to their recipient: a caller lists and reads its
 * own, and anyone else's answers 404. API keys act for no user and so have
 * an empty inbox, as they have no todos.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly notifications: NotificationsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * Puts one notification in each recipient's inbox (user ids; repeats count
   * once), in one INSERT, in the caller's transaction (or its own). With a
   * `dedupeKey`, a recipient who already has that key's notification gets
   * nothing new. Publishes `notification.created` for each one made, with
   * the notification as the payload. Returns how many were made.
   */
  async notify(recipients: readonly string[], n: NewNotification): Promise<number> {
    if (!recipients.length) return 0;
    return this.tx.withTransaction(async () => {
      const payload = JSON.parse(JSON.stringify(n.payload)) as Record<string, unknown>;
      const rows = await this.notifications.insertMany(recipients, { ...n, payload });
      await this.publishMany(
        'notification.created',
        rows.map((row) => {
          const {
            version: _version,
            readAt: _readAt,
            updatedAt: _updatedAt,
            ...rest
          } = toNotification(row);
          return rest;
        }),
      );
      return rows.length;
    });
  }

  /**
   * Writes one delivery of `event` per active subscription to it, and queues
   * each, in the caller's transaction (or its own); they are sent after the
   * commit. Returns how many deliveries were made (0 without subscribers).
   */
  publish(event: WebhookEvent, payload: Record<string, unknown>): Promise<number> {
    return this.publishMany(event, [payload]);
  }

  private publishMany(event: WebhookEvent, payloads: Record<string, unknown>[]): Promise<number> {
    if (!payloads.length) return Promise.resolve(0);
    return this.tx.withTransaction(async () => {
      const plain = JSON.parse(JSON.stringify(payloads)) as Record<string, unknown>[];
      const ids = await this.webhooks.insertDeliveries(event, plain);
      await this.dispatcher.enqueue(ids);
      return ids.length;
    });
  }

  async list(
    principal: Principal,
    query: NotificationQueryDto,
  ): Promise<Page<NotificationResponse>> {
    const plan = await NOTIFICATION_LIST.plan(query, this.tx);
    if (!principal.userId) return { items: [], nextCursor: null };
    const params = new SqlParams();
    const where = [`n.user_id = ${params.add(principal.userId)}`];
    if (query.unread === 'true') where.push('n.read_at IS NULL');
    if (query.unread === 'false') where.push('n.read_at IS NOT NULL');
    if (query.type) where.push(`n.type = ANY (${params.add(query.type)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.notifications.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toNotification);
  }

  /** Marks one of the caller's notifications read; a read one is answered as it is. */
  async markRead(principal: Principal, id: string): Promise<NotificationResponse> {
    const row = principal.userId
      ? await this.notifications.markRead(id, principal.userId)
      : undefined;
    if (!row) throw new NotFoundException(notificationMessages.notification, id);
    return toNotification(row);
  }

  async markAllRead(principal: Principal): Promise<ReadAllResponse> {
    if (!principal.userId) return { updated: 0 };
    return { updated: await this.notifications.markAllRead(principal.userId) };
  }
}
