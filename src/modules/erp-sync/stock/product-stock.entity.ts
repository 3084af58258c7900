import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { ProductEntity } from '../../products/product.entity';
import type { ErpKind } from '../adapters';

/**
 * A product's stock as the ERP last reported it, summed over its warehouses.
 * One row per product, overwritten by every pull that reports the product; a
 * pull that does not report it leaves the row as it was, so its age shows.
 */
@Entity('product_stock')
@Check('product_stock_erp_kind_ck', `"erp_kind" IN ('k3cloud', 'u8')`)
export class ProductStockEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @OneToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<ProductEntity>;

  /** Up to 4 fraction digits, as API quantities are; an ERP may report negative stock. */
  @Column({ type: 'numeric', precision: 16, scale: 4 })
  quantity: string;

  /** When the ERP reported this level. */
  @Column({ type: 'timestamptz', precision: 3 })
  syncedAt: Date;

  /** The connection's name at the time, e.g. 金蝶云星空（生产）. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  erpKind: ErpKind;

  /** The connection it came from; null for demo data. Kept if the connection goes. */
  @Column({ type: 'uuid', nullable: true })
  connectionId: string | null;
}
