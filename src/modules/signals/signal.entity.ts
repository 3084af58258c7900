import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SIGNAL_TYPES = ['web_visit', 'wechat_read', 'email_open', 'store_visit'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/**
 * One observation of a customer's interest, sent by an integrator: `count`
 * website visits, article reads, email opens or store visits at `at`.
 * Append-only; trigger rules read it by (type, time range), so the first index
 * leads with those and carries customer and count for index-only scans. A
 * customer's journey and the likely buyers' last interaction read one
 * customer's signals by time: the second index, without which each is a scan
 * of every signal.
 */
@Entity('signals')
@Index('signals_type_at_customer_idx', ['type', 'at', 'customerId', 'count'])
@Index('signals_customer_at_idx', ['customerId', 'at'])
export class SignalEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /**
   * A customer that existed when the signal was stored: the insert joins
   * customers. Deliberately no foreign key: its per-row check cost about 40 %
   * of a 10,000-signal insert (docs/performance.md), and customers are never deleted.
   */
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  type: SignalType;

  @Column({ type: 'integer', default: 1 })
  count: number;

  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;
}
