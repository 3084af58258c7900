import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * A refresh token of a session. Only its sha256 is stored: tokens are 256-bit
 * random, so a fast hash is as safe as a slow one and finds the row by key.
 * A used token is kept until it expires, so that its second use is known for
 * what it is (a theft) and ends the session.
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_session_idx', ['sessionId'])
@Index('refresh_tokens_expires_idx', ['expiresAt'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  /** When it was exchanged for its successor. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;
}
