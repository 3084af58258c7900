import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import { FollowUpEntity } from './follow-up.entity';

/**
 * The promise a follow-up's `nextTouchAt` makes: touch the customer again by
 * then. Any later follow-up on the customer fulfils it, if it happened after
 * the promising one and by `graceUntil` (`dueAt` + the grace hours setting at
 * the time the promise was made). The action-compliance metric reads these.
 */
@Entity('follow_up_obligations')
@Index('follow_up_obligations_customer_opened_idx', ['customerId', 'openedAt'])
@Index('follow_up_obligations_owner_due_idx', ['ownerId', 'dueAt'])
/**
 * The obligations not yet settled, which the compliance metric subtracts from
 * its roll-up: `(grace_until) INCLUDE (due_at, owner_id) WHERE fulfilled_at IS
 * NULL`, index-only (migration CreateMetricRollups; TypeORM cannot declare INCLUDE).
 */
@Index('follow_up_obligations_open_grace_idx', { synchronize: false })
export class FollowUpObligationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('follow_up_obligations_follow_up_uq', { unique: true })
  @Column({ type: 'uuid' })
  followUpId: string;

  @ManyToOne(() => FollowUpEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: Relation<FollowUpEntity>;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  /** Who is held to it: the customer's owner when it was made (null for a pool customer). */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<UserEntity>;

  /** The promising follow-up's occurredAt. */
  @Column({ type: 'timestamptz', precision: 3 })
  openedAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  graceUntil: Date;

  /** When the earliest fulfilling touch happened; null while unfulfilled. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  fulfilledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  fulfilledByFollowUpId: string | null;

  @ManyToOne(() => FollowUpEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'fulfilled_by_follow_up_id' })
  fulfilledBy?: Relation<FollowUpEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
