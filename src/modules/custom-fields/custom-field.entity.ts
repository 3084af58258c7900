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
import { UserEntity } from '../org/user.entity';
import type { CustomFieldEntity, CustomFieldType } from './domain/custom-field';

/**
 * An admin-defined field of customers, follow-ups or quotes. Its values live
 * in the records' `custom_fields` JSONB under `key`. Deleting a definition
 * only stamps `deleted_at`: the values already written stay on the records,
 * and the key is free for a new definition. A definition is never edited:
 * delete it and define it again.
 */
@Entity('custom_fields')
@Index('custom_fields_entity_key_live_uq', ['entity', 'key'], {
  unique: true,
  where: '"deleted_at" IS NULL',
})
@Index('custom_fields_created_idx', ['createdAt', 'id'])
export class CustomFieldDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  entity: CustomFieldEntity;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text' })
  type: CustomFieldType;

  /** The choices of a select or multiselect; null for other types. */
  @Column({ type: 'text', array: true, nullable: true })
  options: string[] | null;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  /** Null when an API key created it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
