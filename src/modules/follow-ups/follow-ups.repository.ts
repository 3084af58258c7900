import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList, ListPlan } from '../../core/http/list-query';
import { Stage } from '../customers/customer.entity';
import { Channel } from './domain/evidence';
import { Objection } from './domain/objections';
import { TranscriptSegment } from './follow-up.entity';

export interface FollowUpRow {
  id: string;
  customerId: string;
  authorId: string | null;
  channel: Channel;
  occurredAt: Date;
  summary: string;
  transcript: TranscriptSegment[];
  deliverableIds: string[];
  proofIds: string[];
  nextTouchAt: Date | null;
  stage: Stage | null;
  objections: Objection[];
  customFields: Record<string, unknown>;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewFollowUp = Omit<FollowUpRow, 'id' | 'confirmedAt' | 'createdAt' | 'updatedAt'>;

/** `GET /customers/:id/follow-ups`: the latest touch first unless sorted otherwise. */
export const FOLLOW_UP_LIST = defineList({
  keys: {
    occurredAt: { column: 'f.occurred_at', kind: 'timestamp' },
    createdAt: { column: 'f.created_at', kind: 'timestamp' },
  },
  defaultSort: '-occurredAt',
  id: 'f.id',
  updatedAt: 'f.updated_at',
});

const FOLLOW_UP_COLUMNS = `f.id, f.customer_id AS "customerId", f.author_id AS "authorId", f.channel,
  f.occurred_at AS "occurredAt", f.summary, f.transcript, f.deliverable_ids AS "deliverableIds",
  f.proof_ids AS "proofIds", f.next_touch_at AS "nextTouchAt", f.stage, f.objections,
  f.custom_fields AS "customFields", f.confirmed_at AS "confirmedAt", f.created_at AS "createdAt",
  f.updated_at AS "updatedAt"`;

/** SQL over follow_ups. Reads take the caller's scope as a predicate over the customer's owner `c.owner_id`. */
@Injectable()
export class FollowUpsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(followUp: NewFollowUp): Promise<FollowUpRow> {
    const [row] = await this.tx.query<FollowUpRow>(
      `INSERT INTO follow_ups AS f (customer_id, author_id, channel, occurred_at, summary, transcript,
         deliverable_ids, proof_ids, next_touch_at, stage, objections, custom_fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING ${FOLLOW_UP_COLUMNS}`,
      [
        followUp.customerId,
        followUp.authorId,
        followUp.channel,
        followUp.occurredAt,
        followUp.summary,
        JSON.stringify(followUp.transcript),
        followUp.deliverableIds,
        followUp.proofIds,
        followUp.nextTouchAt,
        followUp.stage,
        JSON.stringify(followUp.objections),
        followUp.customFields,
      ],
    );
    return row;
  }

  /** One follow-up whose customer `scopeSql` (over `c.owner_id`, built on `params`) admits. */
  async findInScope(
    id: string,
    params: SqlParams,
    scopeSql: string,
  ): Promise<FollowUpRow | undefined> {
    const [row] = await this.tx.query<FollowUpRow>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f JOIN customers c ON c.id = f.customer_id
       WHERE f.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }

  /**
   * `limit` of a customer's follow-ups: the latest touches, or a page of
   * FOLLOW_UP_LIST as `plan` says (its keyset and order).
   */
  async listForCustomer(
    customerId: string,
    limit: number,
    plan?: ListPlan,
  ): Promise<FollowUpRow[]> {
    const params = new SqlParams();
    const where = [`f.customer_id = ${params.add(customerId)}`, ...(plan?.where(params) ?? [])];
    return this.tx.query<FollowUpRow>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f WHERE ${where.join(' AND ')}
       ORDER BY ${plan?.orderBy ?? 'f.occurred_at DESC, f.id DESC'} LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async setConfirmedAt(id: string, confirmedAt: Date): Promise<void> {
    await this.tx.query(`UPDATE follow_ups SET confirmed_at = $2 WHERE id = $1`, [id, confirmedAt]);
  }
}
