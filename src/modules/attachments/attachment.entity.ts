import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';
import { AttachmentBlobEntity } from './attachment-blob.entity';

/** One upload: its content (shared by equal uploads), what it is, and who sent it. Immutable. */
@Entity('attachments')
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @ManyToOne(() => AttachmentBlobEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256' })
  blob?: Relation<AttachmentBlobEntity>;

  @Column({ type: 'int' })
  size: number;

  /** Decided from the content, not taken from the client. */
  @Column({ type: 'text' })
  mimeType: string;

  @Column({ type: 'text' })
  fileName: string;

  /** The user who uploaded it; null for an integrator's API key. */
  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: Relation<UserEntity>;

  /** The caller (user or API key) that uploaded it, who may always read it. */
  @Column({ type: 'text' })
  uploaderKey: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
