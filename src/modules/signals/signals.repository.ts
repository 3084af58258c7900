import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { SignalType } from './signal.entity';

/** A batch of signals as parallel columns, for unnest(); exactly one of customerId and phone is set. */
export interface SignalColumns {
  customerIds: (string | null)[];
  /** E.164; null where the signal names a customer id, or its phone could not be parsed. */
  phones: (string | null)[];
  types: SignalType[];
  counts: number[];
  /** ISO-8601. */
  ats: string[];
}

/** SQL over the signals table: append-only. */
@Injectable()
export class SignalsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Matches a whole batch to customers, by id or by phone, and stores the
   * signals that found one: a single statement, whatever the batch size.
   * Each signal probes the customers' primary key or phone index (LATERAL):
   * joining the batch as a whole made the planner hash every customer, twice,
   * for each batch. Returns how many were stored.
   */
  async insertMatched(batch: SignalColumns): Promise<number> {
    const [{ accepted }] = await this.tx.query<{ accepted: number }>(
      `WITH inserted AS (
         INSERT INTO signals (customer_id, type, count, at)
         SELECT matched.id, b.type, b.count, b.at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[])
           AS b(customer_id, phone, type, count, at)
         CROSS JOIN LATERAL (
           SELECT c.id FROM customers c WHERE c.id = b.customer_id
           UNION ALL
           SELECT c.id FROM customers c WHERE c.phone = b.phone
         ) matched
         RETURNING 1
       ) SELECT count(*)::int AS accepted FROM inserted`,
      [batch.customerIds, batch.phones, batch.types, batch.counts, batch.ats],
    );
    return accepted;
  }
}
