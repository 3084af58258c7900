import {
  Check,
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
import { OrgUnitEntity } from '../org/org-unit.entity';
import { UserEntity } from '../org/user.entity';
import { ContractEntity } from './contract.entity';

/** A line of an order as a POS or an integrator reports it; money and quantity as decimal strings. */
export interface OrderLine {
  sku: string;
  qty: string;
  /** Net of VAT. */
  unitPrice: string;
}

/**
 * A realised sale, which revenue and repurchase metrics count: made by a
 * contract (exactly one per contract), or reported by a POS or an integrator.
 */
@Entity('orders')
@Index('orders_customer_ordered_idx', ['customerId', 'orderedAt', 'id'])
@Index('orders_ordered_idx', ['orderedAt', 'id'])
@Index('orders_updated_idx', ['updatedAt', 'id'])
@Check('orders_amount_ck', '"amount" >= 0')
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  /** The store that sold it, for store metrics. */
  @Column({ type: 'uuid', nullable: true })
  storeId: string | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id' })
  store?: Relation<OrgUnitEntity>;

  /** The contract that made it; unique, so a contract makes one order. */
  @Index('orders_contract_uq', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  contractId: string | null;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<ContractEntity>;

  /** Net of VAT. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'timestamptz', precision: 3 })
  orderedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  lines: OrderLine[] | null;

  /** Who reported it; null for an integrator's API key. */
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
