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
import { CustomerEntity } from '../customers/customer.entity';
import { UserEntity } from '../org/user.entity';
import { QuoteEntity } from '../quotes/quote.entity';
import { RebatePolicyEntity } from './rebate-policy.entity';

/** Every answer of `POST /rebates/calculate`, with the policy version it used. */
@Entity('rebate_calculations')
@Index('rebate_calculations_customer_idx', ['customerId', 'createdAt'])
@Index('rebate_calculations_policy_idx', ['policyId', 'policyVersion'])
export class RebateCalculationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  policyId: string;

  @ManyToOne(() => RebatePolicyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Relation<RebatePolicyEntity>;

  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  @Column({ type: 'uuid', nullable: true })
  quoteId: string | null;

  @ManyToOne(() => QuoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<QuoteEntity>;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  estimatedAmount: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  ytdPurchases: string;

  /** The answer as sent. */
  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
