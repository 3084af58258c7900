import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';

export interface NewObligation {
  followUpId: string;
  customerId: string;
  ownerId: string | null;
  openedAt: Date;
  dueAt: Date;
  graceHours: number;
}

/** SQL over follow_up_obligations: the promises made by each `nextTouchAt`. */
@Injectable()
export class ObligationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async open(obligation: NewObligation): Promise<string> {
    const [{ id }] = await this.tx.query<{ id: string }>(
      `INSERT INTO follow_up_obligations (follow_up_id, customer_id, owner_id, opened_at, due_at, grace_until)
       VALUES ($1, $2, $3, $4, $5, $5::timestamptz + make_interval(hours => $6)) RETURNING id`,
      [
        obligation.followUpId,
        obligation.customerId,
        obligation.ownerId,
        obligation.openedAt,
        obligation.dueAt,
        obligation.graceHours,
      ],
    );
    return id;
  }

  /**
   * Lets a touch at `occurredAt` fulfil the customer's obligations it
   * qualifies for: opened before it and still within their grace. An
   * obligation keeps its earliest fulfilling touch, so a back-dated
   * follow-up recorded late still counts from when it happened.
   * Returns the ids of the obligations it now fulfils.
   */
  async fulfil(customerId: string, followUpId: string, occurredAt: Date): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE follow_up_obligations
       SET fulfilled_at = $3, fulfilled_by_follow_up_id = $2
       WHERE customer_id = $1 AND opened_at < $3 AND grace_until >= $3
         AND (fulfilled_at IS NULL OR fulfilled_at > $3)
       RETURNING id`,
      [customerId, followUpId, occurredAt],
    );
    return rows.map((row) => row.id);
  }
}
