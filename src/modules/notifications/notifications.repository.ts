import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';

export interface NotificationRow {
  id: string;
  userId: string;
  type: string;
  title: string;
  payload: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** `GET /notifications`: newest first unless sorted otherwise. */
export const NOTIFICATION_LIST = defineList({
  keys: { createdAt: { column: 'n.created_at', kind: 'timestamp' } },
  defaultSort: '-createdAt',
  id: 'n.id',
  updatedAt: 'n.updated_at',
});

const COLUMNS = `n.id, n.user_id AS "userId", n.type, n.title, n.payload, n.read_at AS "readAt",
  n.created_at AS "createdAt", n.updated_at AS "updatedAt", n.version`;

/** SQL over the inbox. Every statement names the owner: nobody reads another's notifications. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One INSERT for all recipients; a recipient's `dedupeKey:userId` that
   * exists is skipped (ON CONFLICT), so a re-run adds nothing. Answers the rows made.
   */
  async insertMany(
    recipients: readonly string[],
    n: { type: string; title: string; payload: Record<string, unknown>; dedupeKey?: string },
  ): Promise<NotificationRow[]> {
    return this.tx.query<NotificationRow>(
      `INSERT INTO notifications AS n (user_id, type, title, payload, dedupe_key)
       SELECT r.user_id, $2, $3, $4::jsonb, CASE WHEN $5::text IS NULL THEN NULL ELSE $5 || ':' || r.user_id END
       FROM (SELECT DISTINCT unnest($1::uuid[]) AS user_id) r
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [recipients, n.type, n.title, JSON.stringify(n.payload), n.dedupeKey ?? null],
    );
  }

  /** `limit + 1` notifications matching `where`, in `orderBy` (NOTIFICATION_LIST's). */
  async list(params: SqlParams, where: string[], limit: number, orderBy: string) {
    return this.tx.query<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications n WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /**
   * Marks the user's notification read, once: a read one stays as it was
   * (same readAt and version). Undefined when it is not the user's.
   */
  async markRead(id: string, userId: string): Promise<NotificationRow | undefined> {
    const [row] = await this.tx.query<NotificationRow>(
      `WITH u AS (
         UPDATE notifications n SET read_at = now(), version = version + 1
         WHERE n.id = $1 AND n.user_id = $2 AND n.read_at IS NULL RETURNING ${COLUMNS}
       )
       SELECT * FROM u
       UNION ALL
       SELECT ${COLUMNS} FROM notifications n
       WHERE n.id = $1 AND n.user_id = $2 AND NOT EXISTS (SELECT 1 FROM u)`,
      [id, userId],
    );
    return row;
  }

  /** Marks all the user's unread notifications read; answers how many. */
  async markAllRead(userId: string): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE notifications SET read_at = now(), version = version + 1
       WHERE user_id = $1 AND read_at IS NULL RETURNING 1`,
      [userId],
    );
    return rows.length;
  }
}
