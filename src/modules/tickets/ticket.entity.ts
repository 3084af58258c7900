import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import { TICKET_KINDS, TicketKind } from './domain/ticket';
import { TICKET_STATUSES, TicketStatus } from './domain/ticket-status';

const listed = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A customer's complaint, reorder or question (API.md §9). `id`,
 * `customer_id`, `kind`, `subject`, `content` and `created_at` are read by
 * the knowledge base's auto-FAQ job with raw SQL: keep their names.
 * `updated_at` is stamped by the trigger stamp_updated_at (AddSyncColumns).
 */
@Entity('tickets')
@Check('tickets_kind_ck', `"kind" IN (${listed(TICKET_KINDS)})`)
@Check('tickets_status_ck', `"status" IN (${listed(TICKET_STATUSES)})`)
/** The auto-FAQ job's read: the last days' questions. */
@Index('tickets_kind_created_idx', ['kind', 'createdAt'])
@Index('tickets_created_idx', ['createdAt', 'id'])
/** What `?updatedSince=` walks. */
@Index('tickets_updated_idx', ['updatedAt', 'id'])
@Index('tickets_customer_created_idx', ['customerId', 'createdAt'])
/** Handover moves a user's tickets; `?assigneeId=` filters by it. */
@Index('tickets_assignee_idx', ['assigneeId'])
/** The SLA scan: tickets still awaiting their first response and not yet marked breached. */
@Index('tickets_awaiting_response_idx', ['firstResponseDueAt'], {
  where: '"first_responded_at" IS NULL AND "sla_breached_at" IS NULL',
})
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  @Column({ type: 'text' })
  kind: TicketKind;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'text', default: 'open' })
  status: TicketStatus;

  /** Who works on it: the customer's owner at creation, following the customer since; null in the pool. */
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity>;

  /** Null when an integrator's API key created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  /** `created_at` + setting `ticketFirstResponseHours`, fixed at creation. */
  @Column({ type: 'timestamptz', precision: 3 })
  firstResponseDueAt: Date;

  /** The first staff reply; null until then. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstRespondedAt: Date | null;

  /** When the SLA job found it unanswered past its due time and told the supervisor; set once. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  slaBreachedAt: Date | null;

  /** When it was last closed; null while it is not. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
