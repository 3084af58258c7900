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
  VersionColumn,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';

/** The kinds of work the system hands out; later features add theirs here. */
export const TODO_TYPES = [
  'trigger_playbook',
  'silent_period',
  'approval',
  'funnel_anomaly',
  'alert',
  'ticket_sla_breach',
] as const;
export type TodoType = (typeof TODO_TYPES)[number];
export const TODO_STATUSES = ['open', 'done'] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];
/** A director's judgement of a `funnel_anomaly` todo, given when closing it. */
export const TODO_RESOLUTIONS = ['confirmed', 'false_alarm'] as const;
export type TodoResolution = (typeof TODO_RESOLUTIONS)[number];

/**
 * A piece of work for one user, made by a rule (a signal trigger, a silent
 * spell, later approvals and alerts). Rules that may fire repeatedly give
 * each todo a `dedupe_key` naming what it is about (rule, subject, period),
 * so a re-run, or a second replica running at the same time, adds nothing.
 */
@Entity('todos')
@Index('todos_assignee_status_created_idx', ['assigneeId', 'status', 'createdAt', 'id'])
@Index('todos_customer_open_idx', ['customerId'], { where: "status = 'open'" })
/** What `?updatedSince=` walks: one assignee's todos in the order they changed. */
@Index('todos_assignee_updated_idx', ['assigneeId', 'updatedAt', 'id'])
/** What the anomaly-precision metric reads: the few funnel_anomaly todos among the many. */
@Index('todos_funnel_anomaly_idx', ['createdAt'], { where: "type = 'funnel_anomaly'" })
export class TodoEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: TodoType;

  @Column({ type: 'uuid' })
  assigneeId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity>;

  /**
   * Deliberately no foreign key: scans create todos by the hundred thousand,
   * and the per-row key check (which also locks each customer row) was a
   * third of a silent-period scan's time. Customers are never deleted.
   */
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text', default: 'open' })
  status: TodoStatus;

  /** What the todo is about, for rules that must not repeat themselves; null for one-off todos. */
  @Index('todos_dedupe_key_uq', { unique: true })
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  /** The judgement given when a `funnel_anomaly` todo was closed; null otherwise, and on reopening. */
  @Column({ type: 'text', nullable: true })
  resolution: TodoResolution | null;

  /** The free-text note given with the resolution. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
