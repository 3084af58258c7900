import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity';
import { AttachmentEntity } from './attachment.entity';

/**
 * What an attachment hangs on (a follow-up, a playbook, a quote), and through it who
 * may read it: those who see the subject's customer, or everyone for a
 * playbook. Written by the owning module through AttachmentsService.link.
 */
@Entity('attachment_links')
export class AttachmentLinkEntity {
  @PrimaryColumn({ type: 'uuid' })
  attachmentId: string;

  @ManyToOne(() => AttachmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'attachment_id' })
  attachment?: Relation<AttachmentEntity>;

  /** `follow_up`, `playbook` or `quote`. */
  @PrimaryColumn({ type: 'text' })
  subjectType: string;

  @PrimaryColumn({ type: 'uuid' })
  subjectId: string;

  /** The customer the subject hangs on, whose data scope admits readers; null for a playbook. */
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<CustomerEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
