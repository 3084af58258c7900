import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { InquiryChannel } from './domain/channels';

export interface InquiryRow {
  id: string;
  customerId: string;
  channel: InquiryChannel;
  receivedAt: Date;
  content: string;
  createdBy: string | null;
  createdAt: Date;
}

export type NewInquiry = Omit<InquiryRow, 'id' | 'createdAt'>;

/** `GET /inquiries`: the latest received first unless sorted otherwise. Inquiries never change. */
export const INQUIRY_LIST = defineList({
  keys: {
    receivedAt: { column: 'i.received_at', kind: 'timestamp' },
    createdAt: { column: 'i.created_at', kind: 'timestamp' },
  },
  defaultSort: '-receivedAt',
  id: 'i.id',
});

const INQUIRY_COLUMNS = `i.id, i.customer_id AS "customerId", i.channel,
  i.received_at AS "receivedAt", i.content, i.created_by AS "createdBy", i.created_at AS "createdAt"`;

/** SQL over inquiries. Reads take the caller's scope as a predicate over the customer's owner `c.owner_id`. */
@Injectable()
export class InquiriesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(inquiry: NewInquiry): Promise<InquiryRow> {
    const [row] = await this.tx.query<InquiryRow>(
      `INSERT INTO inquiries AS i (customer_id, channel, received_at, content, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${INQUIRY_COLUMNS}`,
      [inquiry.customerId, inquiry.channel, inquiry.receivedAt, inquiry.content, inquiry.createdBy],
    );
    return row;
  }

  /** One inquiry whose customer `scopeSql` (over `c.owner_id`, built on `params`) admits. */
  async findInScope(
    id: string,
    params: SqlParams,
    scopeSql: string,
  ): Promise<InquiryRow | undefined> {
    const [row] = await this.tx.query<InquiryRow>(
      `SELECT ${INQUIRY_COLUMNS} FROM inquiries i JOIN customers c ON c.id = i.customer_id
       WHERE i.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }

  /** `limit + 1` inquiries matching `where` (scope over `c`, filters, keyset), in `orderBy` (INQUIRY_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<InquiryRow[]> {
    return this.tx.query<InquiryRow>(
      `SELECT ${INQUIRY_COLUMNS} FROM inquiries i JOIN customers c ON c.id = i.customer_id
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }
}
