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
import { FollowUpEntity } from './follow-up.entity';

/**
 * A link a rep sends the customer to confirm a follow-up (node 4 of the loop:
 * the proof). Only the token's SHA-256 is stored, so a database leak gives
 * no working links. Single use: `used_at` is set once, with who confirmed.
 */
@Entity('follow_up_confirmations')
export class FollowUpConfirmationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  followUpId: string;

  @ManyToOne(() => FollowUpEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: Relation<FollowUpEntity>;

  @Index('follow_up_confirmations_token_uq', { unique: true })
  @Column({ type: 'text' })
  tokenSha256: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  usedFromIp: string | null;

  @Column({ type: 'text', nullable: true })
  usedUserAgent: string | null;

  /** Caller key (see callerKey) of whoever made the link. */
  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
