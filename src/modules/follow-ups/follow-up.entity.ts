import {
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
import { CustomerEntity, Stage } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import { Channel } from './domain/evidence';
import { Objection } from './domain/objections';

export interface TranscriptSegment {
  at: string;
  speaker: 'rep' | 'customer';
  text: string;
}

/**
 * One touch with a customer and its evidence: the minutes, the transcript of
 * what was said, the deliverables handed over and the customer's proof. It is
 * a record of what happened, so it is never edited; only the customer's
 * confirmation is added later.
 */
@Entity('follow_ups')
@Index('follow_ups_customer_occurred_idx', ['customerId', 'occurredAt', 'id'])
/** What `?updatedSince=` walks: one customer's follow-ups in the order they changed. */
@Index('follow_ups_customer_updated_idx', ['customerId', 'updatedAt', 'id'])
/** GIN over custom_fields (migration CreateCustomFields; TypeORM cannot declare the method). */
@Index('follow_ups_custom_fields_gin', { synchronize: false })
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  /** The user who recorded it; null when an integrator's API key did. */
  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity>;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  transcript: TranscriptSegment[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  deliverableIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  proofIds: string[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextTouchAt: Date | null;

  /** The stage this touch moved the customer to, if any. */
  @Column({ type: 'text', nullable: true })
  stage: Stage | null;

  /** Extracted when recorded, with the dictionary of that moment. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  objections: Objection[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  confirmedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /**
   * Stamped by the trigger stamp_updated_at on every write (the confirmation is
   * the one after its creation): `?updatedSince=` relies on it.
   */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
