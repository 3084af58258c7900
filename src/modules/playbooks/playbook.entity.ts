import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  VersionColumn,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';

export const PLAYBOOK_KINDS = ['script_pack', 'competitor_comparison', 'faq'] as const;
export type PlaybookKind = (typeof PLAYBOOK_KINDS)[number];

/**
 * A sales playbook: a script pack (话术包), a competitor comparison or an
 * FAQ, pushed to reps when a trigger rule fires. Every authenticated user
 * may read playbooks, and so their attachments.
 */
@Entity('playbooks')
@Index('playbooks_created_idx', ['createdAt', 'id'])
@Index('playbooks_kind_created_idx', ['kind', 'createdAt', 'id'])
export class PlaybookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: PlaybookKind;

  /** Markdown. */
  @Column({ type: 'text' })
  content: string;

  /** In the order the author gave them; linked to the playbook in attachment_links. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attachmentIds: string[];

  /** The author; null for an integrator's API key. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
