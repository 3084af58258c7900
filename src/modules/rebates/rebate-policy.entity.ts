import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { SEGMENTS, Segment } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import { RebateMethod, RebateTier } from './domain/tier-math';

export const REBATE_METHODS = ['progressive', 'flat_tier'] as const satisfies RebateMethod[];
export const REBATE_BASES = ['annual_purchase'] as const;
export type RebateBasis = (typeof REBATE_BASES)[number];

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A rebate policy (返点政策, API.md §7): tiers over a customer's annual
 * purchases. Policies sharing a segment never overlap in validity, which
 * the service enforces under an advisory lock.
 */
@Entity('rebate_policies')
@Index('rebate_policies_created_idx', ['createdAt', 'id'])
@Index('rebate_policies_name_idx', ['name', 'id'])
/** What `?updatedSince=` walks. */
@Index('rebate_policies_updated_idx', ['updatedAt', 'id'])
@Check('rebate_policies_basis_ck', `"basis" IN (${quoted(REBATE_BASES)})`)
@Check('rebate_policies_method_ck', `"method" IN (${quoted(REBATE_METHODS)})`)
@Check(
  'rebate_policies_segments_ck',
  `"segments" <@ ARRAY[${quoted(SEGMENTS)}]::text[] AND cardinality("segments") > 0`,
)
@Check('rebate_policies_validity_ck', '"valid_from" <= "valid_to"')
export class RebatePolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  basis: RebateBasis;

  @Column({ type: 'text' })
  method: RebateMethod;

  /** `[{ threshold: "0.00", ratePct: 1.5 }]`, ascending. */
  @Column({ type: 'jsonb' })
  tiers: RebateTier[];

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  capAmount: string | null;

  @Column({ type: 'text', array: true })
  segments: Segment[];

  /** Inclusive, a day in the organisation's time zone; null: open. */
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  /** Inclusive; null: open. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A policy as each version stood: every create and PATCH writes one, so old answers stay explainable. */
@Entity('rebate_policy_versions')
export class RebatePolicyVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  policyId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @ManyToOne(() => RebatePolicyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Relation<RebatePolicyEntity>;

  /** The policy's fields at this version (name … validTo). */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
