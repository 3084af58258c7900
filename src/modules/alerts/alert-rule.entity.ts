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
import type { Role } from '../../core/auth/roles';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { UserEntity } from '../org/user.entity';
import { PlaybookEntity } from '../playbooks/playbook.entity';
import type { UnitMetric } from '../metrics/domain/unit-metrics';
import type { AlertComparator, AlertScope } from './domain/alert-rule';

/**
 * "When a store's (or team's) weekly `metric` is `comparator` `threshold`,
 * give its `notifyRoles` an `alert` todo with the playbook, and tell its
 * `ccRoles`." Evaluated weekly, per unit of the rule's scope type within the
 * rule's reach.
 */
@Entity('alert_rules')
@Index('alert_rules_created_idx', ['createdAt', 'id'])
@Index('alert_rules_updated_idx', ['updatedAt', 'id'])
export class AlertRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  metric: UnitMetric;

  @Column({ type: 'text' })
  scope: AlertScope;

  @Column({ type: 'text' })
  comparator: AlertComparator;

  /** A percentage with up to 2 fraction digits, compared exactly. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  threshold: string;

  @Column({ type: 'text', array: true })
  notifyRoles: Role[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  ccRoles: Role[];

  @Column({ type: 'uuid', nullable: true })
  playbookId: string | null;

  @ManyToOne(() => PlaybookEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Relation<PlaybookEntity>;

  /**
   * The subtree the rule watches: its author's org unit for a regional or
   * ops director, null (every unit) for those who see the whole organisation.
   */
  @Column({ type: 'uuid', nullable: true })
  reachOrgUnitId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reach_org_unit_id' })
  reachOrgUnit?: Relation<OrgUnitEntity>;

  /** Null when an API key created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * One unit in breach of one rule in one week: the row that makes an
 * evaluation idempotent. A second run (or a second replica) finds it and
 * sends nothing again.
 */
@Entity('alert_breaches')
@Index('alert_breaches_rule_unit_week_uq', ['ruleId', 'orgUnitId', 'week'], { unique: true })
@Index('alert_breaches_week_idx', ['week'])
export class AlertBreachEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ruleId: string;

  @ManyToOne(() => AlertRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id' })
  rule?: Relation<AlertRuleEntity>;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: Relation<OrgUnitEntity>;

  /** `YYYY-Www`. */
  @Column({ type: 'text' })
  week: string;

  /** The metric's value, as presented (2 places). */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  value: string;

  /** The rule's threshold when it fired: a later edit does not rewrite history. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  threshold: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
