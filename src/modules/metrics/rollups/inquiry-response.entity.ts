import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InquiryEntity } from '../../inquiries/inquiry.entity';

/**
 * The first-response metric's roll-up: per inquiry, the customer's current
 * owner and its first follow-up at or after the inquiry. A median needs every
 * response, so this is one narrow row per inquiry, not a daily sum: the
 * metric reads the range from one covering index, in owner order, instead of
 * each inquiry with a probe of follow-ups and a lookup of its customer. Kept by triggers
 * on inquiries, follow_ups and customers (migration CreateMetricRollups) in
 * the writing transaction, so it is never stale.
 */
@Entity('inquiry_responses')
/** `(owner_id, received_at) INCLUDE (response_ms)`, declared in the migration. */
@Index('inquiry_responses_owner_received_idx', { synchronize: false })
@Index('inquiry_responses_customer_received_idx', ['customerId', 'receivedAt'])
export class InquiryResponseEntity {
  @PrimaryColumn({ type: 'uuid' })
  inquiryId: string;

  @OneToOne(() => InquiryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inquiry_id' })
  inquiry?: InquiryEntity;

  @Column({ type: 'uuid' })
  customerId: string;

  /** The customer's owner; null while it is in the pool. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  receivedAt: Date;

  /**
   * Milliseconds from `receivedAt` to the customer's first follow-up at or
   * after it (both are stored to the millisecond, so this is exact); null
   * while unanswered. An integer sorts fastest for the median.
   */
  @Column({ type: 'bigint', nullable: true })
  responseMs: string | null;
}
