import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { ImportRunColumns } from '../../../core/imports/import-run.columns';
import { UserEntity } from '../../org/user.entity';

/** One product import (see ImportRunColumns); its rejected rows are in product_import_rejections. */
@Entity('product_imports')
@Index('product_imports_caller_key_uq', ['callerKey', 'idempotencyKey'], { unique: true })
@Index('product_imports_running_idx', ['heartbeatAt'], { where: "status = 'running'" })
export class ProductImportEntity extends ImportRunColumns {
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  /** Valid rows whose SKU a product had (or an earlier row added). */
  @Column({ type: 'int', default: 0 })
  updated: number;
}
