import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  VersionColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

export const ORG_UNIT_TYPES = ['region', 'team', 'store'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

/** A node of the organisation tree: regions contain teams and stores. */
@Entity('org_units')
@Index('org_units_parent_idx', ['parentId'])
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: OrgUnitType;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<OrgUnitEntity>;

  @Column({ type: 'uuid', nullable: true })
  managerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'manager_id' })
  manager?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
