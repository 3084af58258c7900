import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';

export interface ConfirmationRow {
  id: string;
  followUpId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** What the customer sees on the confirmation page. */
export interface ConfirmationView extends ConfirmationRow {
  channel: string;
  occurredAt: Date;
  summary: string;
  customerName: string;
  repName: string | null;
  followUpConfirmedAt: Date | null;
}

@Injectable()
export class ConfirmationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(link: {
    followUpId: string;
    tokenSha256: string;
    expiresAt: Date;
    createdBy: string;
  }): Promise<void> {
    await this.tx.query(
      `INSERT INTO follow_up_confirmations (follow_up_id, token_sha256, expires_at, created_by)
       VALUES ($1, $2, $3, $4)`,
      [link.followUpId, link.tokenSha256, link.expiresAt, link.createdBy],
    );
  }

  async findView(tokenSha256: string): Promise<ConfirmationView | undefined> {
    const [row] = await this.tx.query<ConfirmationView>(
      `SELECT k.id, k.follow_up_id AS "followUpId", k.expires_at AS "expiresAt", k.used_at AS "usedAt",
         f.channel, f.occurred_at AS "occurredAt", f.summary, c.name AS "customerName",
         u.display_name AS "repName", f.confirmed_at AS "followUpConfirmedAt"
       FROM follow_up_confirmations k
       JOIN follow_ups f ON f.id = k.follow_up_id
       JOIN customers c ON c.id = f.customer_id
       LEFT JOIN users u ON u.id = f.author_id
       WHERE k.token_sha256 = $1`,
      [tokenSha256],
    );
    return row;
  }

  /**
   * Locks the link and its follow-up, so of two clicks at once (on one link,
   * or on two links of one follow-up) one confirms and the other sees it done.
   */
  async findForUpdate(
    tokenSha256: string,
  ): Promise<(ConfirmationRow & { followUpConfirmedAt: Date | null }) | undefined> {
    const [row] = await this.tx.query<ConfirmationRow & { followUpConfirmedAt: Date | null }>(
      `SELECT k.id, k.follow_up_id AS "followUpId", k.expires_at AS "expiresAt", k.used_at AS "usedAt",
         f.confirmed_at AS "followUpConfirmedAt"
       FROM follow_up_confirmations k JOIN follow_ups f ON f.id = k.follow_up_id
       WHERE k.token_sha256 = $1 FOR UPDATE`,
      [tokenSha256],
    );
    return row;
  }

  async markUsed(id: string, ip: string, userAgent: string | null): Promise<Date> {
    const [{ usedAt }] = await this.tx.query<{ usedAt: Date }>(
      `UPDATE follow_up_confirmations SET used_at = now(), used_from_ip = $2, used_user_agent = $3
       WHERE id = $1 RETURNING used_at AS "usedAt"`,
      [id, ip, userAgent],
    );
    return usedAt;
  }
}
