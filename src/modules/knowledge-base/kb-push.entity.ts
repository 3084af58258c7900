import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Role } from '../../core/auth/roles';
import { UserEntity } from '../org/user.entity';
import type { ArticleSource, RunTrigger } from './domain/knowledge-base';

/**
 * "On `cron` in `timezone`, send these articles (or this week's FAQ drafts)
 * to every active user with any of `audienceRoles`." `next_run_at` is when
 * the scheduler runs it next; each run advances it in the run's transaction.
 */
@Entity('kb_pushes')
@Index('kb_pushes_created_idx', ['createdAt', 'id'])
@Index('kb_pushes_updated_idx', ['updatedAt', 'id'])
@Index('kb_pushes_due_idx', ['nextRunAt'], { where: '"active"' })
export class KbPushEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  cron: string;

  @Column({ type: 'text' })
  timezone: string;

  /** The manual push's articles; null for auto_faq. */
  @Column({ type: 'uuid', array: true, nullable: true })
  articleIds: string[] | null;

  @Column({ type: 'text' })
  source: ArticleSource;

  @Column({ type: 'text', array: true })
  audienceRoles: Role[];

  @Column({ type: 'timestamptz', precision: 3 })
  nextRunAt: Date;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Null when an API key created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * One run of a push: what it sent and to how many. A scheduled run names the
 * time it was due (`scheduled_for`), unique per push, so one scheduled time
 * is never run twice whatever the replicas do.
 */
@Entity('kb_push_runs')
@Index('kb_push_runs_push_ran_idx', ['pushId', 'ranAt'])
@Index('kb_push_runs_push_scheduled_uq', ['pushId', 'scheduledFor'], { unique: true })
export class KbPushRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  pushId: string;

  @ManyToOne(() => KbPushEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'push_id' })
  push?: Relation<KbPushEntity>;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  ranAt: Date;

  @Column({ type: 'text' })
  trigger: RunTrigger;

  /** The `next_run_at` a scheduled run was due at; null for a manual run. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  scheduledFor: Date | null;

  @Column({ type: 'uuid', array: true })
  articleIds: string[];

  @Column({ type: 'int' })
  delivered: number;
}

/** Who a run delivered to: the denominator of its stats, and who may read its drafts. */
@Entity('kb_push_deliveries')
@Index('kb_push_deliveries_user_idx', ['userId'])
export class KbPushDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => KbPushRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<KbPushRunEntity>;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;
}
