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
import type { InquiryChannel } from './domain/channels';

/**
 * A customer's inbound inquiry (咨询): a call, a web form, a WeChat message.
 * It records what happened, so it is never edited. The first-response metric
 * measures the time from `receivedAt` to the customer's next follow-up.
 */
@Entity('inquiries')
/** The metric's range scan over receivedAt, and the list's default order. */
@Index('inquiries_received_idx', ['receivedAt', 'id'])
/** One customer's inquiries (the list's customerId filter). */
@Index('inquiries_customer_received_idx', ['customerId', 'receivedAt', 'id'])
export class InquiryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  @Column({ type: 'text' })
  channel: InquiryChannel;

  @Column({ type: 'timestamptz', precision: 3 })
  receivedAt: Date;

  @Column({ type: 'text' })
  content: string;

  /** The user who recorded it; null when an integrator's API key did. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
