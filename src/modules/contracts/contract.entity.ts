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
} from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import type { StoredQuoteLine } from '../quotes/domain/quote-lines';
import { QuoteEntity } from '../quotes/quote.entity';

/**
 * A signed contract: the approved version of a quote, frozen. One per quote
 * (a unique index, so two concurrent signings cannot both win), and one order
 * and one ERP sync job made with it in the same transaction.
 */
@Entity('contracts')
@Index('contracts_customer_signed_idx', ['customerId', 'signedAt', 'id'])
@Index('contracts_created_idx', ['createdAt', 'id'])
@Index('contracts_updated_idx', ['updatedAt', 'id'])
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `HT-2026-000123`, or the number the client gave; unique. */
  @Index('contracts_contract_no_uq', { unique: true })
  @Column({ type: 'text' })
  contractNo: string;

  @Index('contracts_quote_uq', { unique: true })
  @Column({ type: 'uuid' })
  quoteId: string;

  @ManyToOne(() => QuoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<QuoteEntity>;

  /** The approved version the contract was made from. */
  @Column({ type: 'integer' })
  quoteVersion: number;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  /** The quote's owner when it was signed. */
  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<UserEntity>;

  /** Net of VAT, as the quote's totals presented it. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amountWithTax: string;

  /** The approved version's lines, as it stored them. */
  @Column({ type: 'jsonb' })
  lines: StoredQuoteLine[];

  @Column({ type: 'timestamptz', precision: 3 })
  signedAt: Date;

  /** The ERP's number for the sales order, once the ERP sync delivered it. */
  @Column({ type: 'text', nullable: true })
  erpOrderNo: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
