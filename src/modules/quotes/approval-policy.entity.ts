import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';
import type { ApprovalRule } from './domain/approval-policy';

/**
 * Each PUT /approval-policies adds a row; the newest is in force, and the
 * older ones say which policy an old chain was built from. No row: the
 * contract's default policy.
 */
@Entity('approval_policies')
export class ApprovalPolicyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer' })
  id: number;

  @Column({ type: 'jsonb' })
  rules: ApprovalRule[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
