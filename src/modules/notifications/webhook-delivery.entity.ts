import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { WebhookEntity } from './webhook.entity';

/**
 * `pending`: queued or retrying; `delivered`: the receiver answered 2xx;
 * `failed`: no retry can help (the secret no longer opens); `dead`: retries
 * ran out. Written with the change that caused the event, in its
 * transaction: the outbox.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event to one subscription: the delivery log's row, and the receiver's idempotency key. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_webhook_created_idx', ['webhookId', 'createdAt', 'id'])
@Check(
  'webhook_deliveries_status_ck',
  `"status" IN (${WEBHOOK_DELIVERY_STATUSES.map((status) => `'${status}'`).join(', ')})`,
)
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: Relation<WebhookEntity>;

  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The HTTP status of the last answer; null before one, or when none came (timeout, refused). */
  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  /** Why the last attempt failed, e.g. `HTTP 503` or `timeout`; never a secret or the URL. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
