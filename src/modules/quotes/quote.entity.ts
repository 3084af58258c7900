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
} from 'typeorm';
import type { Text } from '../../core/i18n/text';
import { CustomerEntity } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import type { PresentedTotals } from './domain/quote-math';
import { QUOTE_STATUSES, QuoteStatus } from './domain/quote-status';
import type { StoredQuoteLine } from './domain/quote-lines';

/**
 * A quote: its number, customer, owner and status, and the figures of its
 * latest version (copied here so that lists and briefs read one row). The
 * content of every version lives in quote_versions, which is never updated.
 */
@Entity('quotes')
@Index('quotes_customer_created_idx', ['customerId', 'createdAt', 'id'])
@Index('quotes_owner_status_idx', ['ownerId', 'status'])
@Index('quotes_created_idx', ['createdAt', 'id'])
/** What `?updatedSince=` walks. */
@Index('quotes_updated_idx', ['updatedAt', 'id'])
/** GIN over custom_fields (migration CreateCustomFields; TypeORM cannot declare the method). */
@Index('quotes_custom_fields_gin', { synchronize: false })
@Check('quotes_status_ck', `"status" IN (${QUOTE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class QuoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `Q-2026-000123`: the year it was made in, then a number that never repeats. */
  @Index('quotes_number_uq', { unique: true })
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  /** The customer's owner; an open quote follows its customer to a new owner. */
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<UserEntity>;

  @Column({ type: 'text', default: 'draft' })
  status: QuoteStatus;

  /** The latest version's number; every PATCH adds one. `If-Match` compares with it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** The latest version's totals, as presented (money strings, percentages as numbers). */
  @Column({ type: 'jsonb' })
  totals: PresentedTotals;

  /** The latest version's `validUntil`, a calendar date. */
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  /**
   * Whether approval was needed when the latest version was submitted, and
   * why, under the policy and prices of that moment (they may have moved
   * since the version was saved); null until it is submitted.
   */
  @Column({ type: 'jsonb', nullable: true })
  submitApproval: { required: boolean; reason: Text } | null;

  /** Values of the quote custom fields by key (API.md §9), set when it is created. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields: Record<string, unknown>;

  /** Why the quote was lost, and when (POST /quotes/:id/lose). */
  @Column({ type: 'text', nullable: true })
  lostReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lostAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write: `?updatedSince=` relies on it. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/**
 * One version of a quote, written once and never changed (a trigger refuses
 * UPDATE and DELETE): the lines as priced when it was saved, with the product
 * facts they were priced on, so that an archived version reads as it was sent.
 */
@Entity('quote_versions')
/** The few versions that needed approval, for the compliance metric's contracts. */
@Index('quote_versions_approval_required_idx', ['quoteId', 'version'], {
  where: '"approval_required"',
})
export class QuoteVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  quoteId: string;

  @ManyToOne(() => QuoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<QuoteEntity>;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  lines: StoredQuoteLine[];

  @Column({ type: 'jsonb' })
  totals: PresentedTotals;

  @Column({ type: 'boolean' })
  approvalRequired: boolean;

  /** Why approval is (not) needed, in figures, in both languages. */
  @Column({ type: 'jsonb' })
  approvalReason: Text;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The template the first version was copied from, if any. */
  @Column({ type: 'uuid', nullable: true })
  templateId: string | null;

  /** Who wrote this version; null for an integrator's API key. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
