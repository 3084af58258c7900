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
} from 'typeorm';
import { UserEntity } from '../org/user.entity';
import type { ApproverRole } from './domain/approval-policy';
import { QuoteEntity } from './quote.entity';

/**
 * `waiting`: an earlier step is undecided; `pending`: its turn; `approved` and
 * `rejected`: decided; `cancelled`: the chain ended without it (a rejection
 * before it, or an edit that withdrew the quote from approval).
 */
export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * One step of a quote version's approval chain. A decision is one guarded
 * UPDATE … WHERE status = 'pending': of concurrent decisions exactly one
 * changes the row, and the others find it decided.
 */
@Entity('approval_steps')
@Index('approval_steps_chain_uq', ['quoteId', 'round', 'stepIndex'], { unique: true })
/** The steps waiting for a decision, which GET /approvals reads. */
@Index('approval_steps_pending_idx', ['role', 'createdAt', 'id'], { where: "status = 'pending'" })
@Index('approval_steps_decider_idx', ['deciderId', 'decidedAt'])
@Index('approval_steps_updated_idx', ['updatedAt', 'id'])
@Check('approval_steps_status_ck', `"status" IN (${STEP_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class ApprovalStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  quoteId: string;

  @ManyToOne(() => QuoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<QuoteEntity>;

  /** The version submitted: a chain approves that content and no other. */
  @Column({ type: 'integer' })
  quoteVersion: number;

  /**
   * Which submission of the quote built this chain: 1, 2, … A version is
   * submitted again after its chain was withdrawn (its customer went back
   * to the pool), so the version alone does not name a chain.
   */
  @Column({ type: 'integer' })
  round: number;

  /** 0-based position in the chain. */
  @Column({ type: 'integer' })
  stepIndex: number;

  @Column({ type: 'text' })
  role: ApproverRole;

  @Column({ type: 'text' })
  status: StepStatus;

  @Column({ type: 'uuid', nullable: true })
  deciderId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decider_id' })
  decider?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** When its turn came: the step became `pending`. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  pendingSince: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
