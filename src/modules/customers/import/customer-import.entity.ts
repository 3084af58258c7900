import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { ImportRunColumns } from '../../../core/imports/import-run.columns';
import { UserEntity } from '../../org/user.entity';

export { IMPORT_STATUSES } from '../../../core/imports/import-journal';
export type { ImportRowError, ImportStatus } from '../../../core/imports/import-journal';

/** One customer import (see ImportRunColumns); its rejected rows are in customer_import_rejections. */
@Entity('customer_imports')
@Index('customer_imports_caller_key_uq', ['callerKey', 'idempotencyKey'], { unique: true })
@Index('customer_imports_running_idx', ['heartbeatAt'], { where: "status = 'running'" })
export class CustomerImportEntity extends ImportRunColumns {
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  /** Valid rows merged into an existing customer (from the database or an earlier row). */
  @Column({ type: 'int', default: 0 })
  merged: number;
}
