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

/**
 * One message in a user's in-app inbox (API.md §8 "Notifications"), written
 * by another module through NotificationsService.notify. `type` is the
 * writer's own name for what happened (e.g. `alert_cc`); `title` is Chinese,
 * for people; `payload` carries the figures. A writer that may run twice gives
 * a `dedupe_key` (per recipient), so a re-run adds nothing.
 */
@Entity('notifications')
@Index('notifications_user_created_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_user_unread_idx', ['userId'], { where: 'read_at IS NULL' })
/** What `?updatedSince=` walks: one user's notifications in the order they changed. */
@Index('notifications_user_updated_idx', ['userId', 'updatedAt', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  /** What the notification is about, per recipient; null for one-off notifications. */
  @Index('notifications_dedupe_key_uq', { unique: true })
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
