import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CustomerImportEntity } from './customer-import.entity';

/** Every problem of every rejected row of a completed import, with the row's original cells. */
@Entity('customer_import_rejections')
export class CustomerImportRejectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @ManyToOne(() => CustomerImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  customerImport?: Relation<CustomerImportEntity>;

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
