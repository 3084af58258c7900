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
  VersionColumn,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';

/**
 * A product of the price library: what quotes price against. The floor price
 * is not stored: it follows the cost and the margin in force (the product's
 * own, or the setting), so it is computed whenever a product is shown.
 */
@Entity('products')
@Index('products_created_idx', ['createdAt', 'id'])
@Index('products_category_idx', ['category', 'id'])
/** What `?updatedSince=` walks: a sync of the whole library. */
@Index('products_updated_idx', ['updatedAt', 'id'])
/** The API checks these too; the database keeps a psql session or an import to them. */
@Check('products_prices_ck', '"list_price" > 0 AND "cost" >= 0')
@Check(
  'products_percentages_ck',
  '"tax_rate_pct" BETWEEN 0 AND 100 AND "min_margin_pct" >= 0 AND "min_margin_pct" < 100',
)
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique as written: the code on the ERP and the price list, e.g. `BRG-6205-2RS`. */
  @Index('products_sku_uq', { unique: true })
  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  /** The unit a quantity counts, e.g. 个, 套, 米. */
  @Column({ type: 'text' })
  unit: string;

  /** Net of VAT. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  listPrice: string;

  /** Net of VAT. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  cost: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 13 })
  taxRatePct: string;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  /** The product's own floor margin; null means the setting `minMarginPct`. */
  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true })
  minMarginPct: string | null;

  /** Who created it; null for an integrator's API key. */
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
