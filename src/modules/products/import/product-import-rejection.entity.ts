import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { ProductImportEntity } from './product-import.entity';

/** Every problem of every rejected row of a completed product import, with the row's original cells. */
@Entity('product_import_rejections')
export class ProductImportRejectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @ManyToOne(() => ProductImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  productImport?: Relation<ProductImportEntity>;

  /** The spreadsheet row number (the header is row 1). */
  @PrimaryColumn({ type: 'int' })
  rowNumber: number;

  @PrimaryColumn({ type: 'text' })
  field: string;

  @Column({ type: 'text' })
  reason: string;

  /** The row's cells as text, in the file's column order. */
  @Column({ type: 'jsonb' })
  rawValues: string[];
}
