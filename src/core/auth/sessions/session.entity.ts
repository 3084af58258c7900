import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SESSION_END_REASONS = [
  'logout',
  'refresh_token_reused',
  'password_changed',
  'deactivated',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in: a login and every refresh token rotated from it (the token
 * family). Access tokens name their session (`sid`), so ending a session ends
 * its access tokens too, on every replica: a trigger notifies
 * principals_changed when `ended_at` is set (see the CreateSessions migration).
 */
@Entity('sessions')
@Index('sessions_user_live_idx', ['userId'], { where: 'ended_at IS NULL' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Deliberately no foreign key: core knows no module's tables, and users are never deleted. */
  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: SessionEndReason | null;
}
