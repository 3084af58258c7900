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
import type { DataScope } from '../../core/auth/data-scope/data-scope';
import { UserEntity } from '../org/user.entity';
import { PlaybookEntity } from '../playbooks/playbook.entity';
import type { SignalType } from './signal.entity';

/**
 * "When a customer's `signalType` count over the last `windowDays` has grown
 * by at least `growthPct` % over the window before, and is at least
 * `minCount`, push the playbook to its owner." Rules are not edited: a new
 * threshold is a new rule.
 */
@Entity('trigger_rules')
@Index('trigger_rules_created_idx', ['createdAt', 'id'])
export class TriggerRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  signalType: SignalType;

  /** Up to 2 fraction digits; compared exactly, never as a float. */
  @Column({ type: 'numeric', precision: 8, scale: 2 })
  growthPct: string;

  @Column({ type: 'integer' })
  windowDays: number;

  @Column({ type: 'integer', default: 1 })
  minCount: number;

  @Column({ type: 'uuid' })
  playbookId: string;

  @ManyToOne(() => PlaybookEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Relation<PlaybookEntity>;

  /**
   * The customers the rule reaches: its creator's data scope when it was
   * made, so a supervisor's rule pushes playbooks to its own team only.
   */
  @Column({ type: 'jsonb' })
  reach: DataScope;

  /** Null when an API key created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
