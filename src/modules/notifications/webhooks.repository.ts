import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { WebhookDeliveryStatus } from './webhook-delivery.entity';
import type { WebhookFormat } from './webhook.entity';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A delivery at the start of an attempt, with what sending it needs (the sealed secret). */
export interface DeliveryAttempt {
  id: string;
  webhookId: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  url: string;
  format: WebhookFormat;
  sealedSecret: string;
}

/** `GET /webhooks`: newest first unless sorted otherwise. */
export const WEBHOOK_LIST = defineList({
  keys: { createdAt: { column: 'w.created_at', kind: 'timestamp' } },
  defaultSort: '-createdAt',
  id: 'w.id',
  updatedAt: 'w.updated_at',
});

/** `GET /webhooks/:id/deliveries`: newest first unless sorted otherwise. */
export const WEBHOOK_DELIVERY_LIST = defineList({
  keys: { createdAt: { column: 'd.created_at', kind: 'timestamp' } },
  defaultSort: '-createdAt',
  id: 'd.id',
  updatedAt: 'd.updated_at',
});

/** Never the secret: it stays in this file's attempt query. */
const WEBHOOK_COLUMNS = `w.id, w.url, w.events, w.format, w.active, w.created_by AS "createdBy",
  w.created_at AS "createdAt", w.updated_at AS "updatedAt", w.version`;

const DELIVERY_COLUMNS = `d.id, d.webhook_id AS "webhookId", d.event, d.status, d.attempts,
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError",
  d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/**
 * SQL over the subscriptions and their delivery log. Every status change of a
 * delivery is guarded on `pending`, so two workers that hold the same job (a
 * lease that ran out on a slow receiver) cannot both move it.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(w: {
    url: string;
    events: string[];
    format: WebhookFormat;
    sealedSecret: string;
    createdBy: string | null;
  }): Promise<WebhookRow> {
    const [row] = await this.tx.query<WebhookRow>(
      `INSERT INTO webhooks AS w (url, events, format, secret, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${WEBHOOK_COLUMNS}`,
      [w.url, w.events, w.format, w.sealedSecret, w.createdBy],
    );
    return row;
  }

  async findOne(id: string): Promise<WebhookRow | undefined> {
    const [row] = await this.tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.id = $1`,
      [id],
    );
    return row;
  }

  async list(params: SqlParams, where: string[], limit: number, orderBy: string) {
    return this.tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Deletes the subscription and its delivery log; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const rows = await this.tx.query('DELETE FROM webhooks WHERE id = $1 RETURNING 1', [id]);
    return rows.length > 0;
  }

  async listDeliveries(params: SqlParams, where: string[], limit: number, orderBy: string) {
    return this.tx.query<WebhookDeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /**
   * One delivery per payload and active subscription to `event`, in one
   * statement; answers their ids (the outbox rows to queue).
   */
  async insertDeliveries(event: string, payloads: Record<string, unknown>[]): Promise<string[]> {
    if (!payloads.length) return [];
    const rows = await this.tx.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload)
       SELECT w.id, $1, p.payload
       FROM webhooks w CROSS JOIN jsonb_array_elements($2::jsonb) WITH ORDINALITY AS p(payload, n)
       WHERE w.active AND $1 = ANY (w.events)
       ORDER BY p.n, w.id
       RETURNING id`,
      [event, JSON.stringify(payloads)],
      { prepare: true },
    );
    return rows.map((row) => row.id);
  }

  /**
   * Counts an attempt of each delivery still pending and reads what sending
   * it needs. A delivery no longer pending (or whose webhook was deleted) is
   * left out: a late duplicate has nothing to do.
   */
  async beginAttempts(ids: string[]): Promise<Map<string, DeliveryAttempt>> {
    const rows = await this.tx.query<DeliveryAttempt>(
      `WITH d AS (
         UPDATE webhook_deliveries SET attempts = attempts + 1
         WHERE id = ANY ($1::uuid[]) AND status = 'pending'
         RETURNING id, webhook_id, event, payload, attempts, created_at
       )
       SELECT d.id, d.webhook_id AS "webhookId", d.event, d.payload, d.attempts,
         d.created_at AS "createdAt", w.url, w.format, w.secret AS "sealedSecret"
       FROM d JOIN webhooks w ON w.id = d.webhook_id`,
      [ids],
      { prepare: true },
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async markDelivered(id: string, statusCode: number): Promise<void> {
    await this.tx.query(
      `UPDATE webhook_deliveries SET status = 'delivered', last_status_code = $2,
         last_error = NULL, delivered_at = now()
       WHERE id = $1 AND status = 'pending'`,
      [id, statusCode],
    );
  }

  /** A failed attempt: the delivery stays pending (or ends, with `ending`), with the reason. */
  async recordFailure(
    id: string,
    statusCode: number | null,
    reason: string,
    ending?: 'failed' | 'dead',
  ): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE webhook_deliveries SET last_status_code = $2, last_error = $3,
         status = coalesce($4, status)
       WHERE id = $1 AND status = 'pending' RETURNING 1`,
      [id, statusCode, reason, ending ?? null],
    );
    return rows.length > 0;
  }

  /** Dead, keeping the last failure's status code and reason; false when no longer pending. */
  async markDead(id: string): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE webhook_deliveries SET status = 'dead' WHERE id = $1 AND status = 'pending' RETURNING 1`,
      [id],
    );
    return rows.length > 0;
  }
}
