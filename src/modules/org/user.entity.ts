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
import { OrgUnitEntity } from './org-unit.entity';
import type { Role } from '../../core/auth/roles';

@Entity('users')
// Case-insensitive uniqueness is an expression index, created in the migration.
@Index('users_username_lower_uq', { synchronize: false })
@Index('users_supervisor_idx', ['supervisorId'])
@Index('users_org_unit_idx', ['orgUnitId'])
/** What `?updatedSince=` walks. */
@Index('users_updated_idx', ['updatedAt', 'id'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (see the lower(username) index in the migration). */
  @Column({ type: 'text' })
  username: string;

  /** argon2id; never leaves the service. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: Relation<OrgUnitEntity>;

  @Column({ type: 'uuid', nullable: true })
  supervisorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id' })
  supervisor?: Relation<UserEntity>;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
