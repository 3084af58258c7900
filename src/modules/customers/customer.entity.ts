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
import { OrgUnitEntity } from '../org/org-unit.entity';
import { UserEntity } from '../org/user.entity';

export const SEGMENTS = ['b2b', 'b2c'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const STAGES = ['lead', 'contacted', 'quoted', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * A customer exists once: the unique index on the E.164 phone is what stops
 * two reps from chasing the same buyer. The owner changes only through
 * claim, release and transfer.
 */
@Entity('customers')
@Index('customers_owner_created_idx', ['ownerId', 'createdAt'])
@Index('customers_created_idx', ['createdAt', 'id'])
/** What `?updatedSince=` walks: a sync of every customer. */
@Index('customers_updated_idx', ['updatedAt', 'id'])
/** GIN over custom_fields (migration CreateCustomFields; TypeORM cannot declare the method). */
@Index('customers_custom_fields_gin', { synchronize: false })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** E.164, e.g. +8613800138000. */
  @Index('customers_phone_uq', { unique: true })
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', default: 'b2b' })
  segment: Segment;

  @Column({ type: 'text', nullable: true })
  company: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Purchases a month. */
  @Column({ type: 'numeric', precision: 12, scale: 4, nullable: true })
  purchaseFrequency: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  avgOrderValue: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<UserEntity>;

  @Column({ type: 'uuid', nullable: true })
  storeId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'store_id' })
  store?: Relation<OrgUnitEntity>;

  @Column({ type: 'text', nullable: true })
  erpCode: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields: Record<string, unknown>;

  @Column({ type: 'text', default: 'lead' })
  stage: Stage;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastInteractionAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
