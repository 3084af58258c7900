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

/** `json`: our signed JSON envelope; `wecom`: a WeCom (企业微信) group-robot markdown message. */
export const WEBHOOK_FORMATS = ['json', 'wecom'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * A webhook subscription: where to POST which events. The secret is sealed
 * (CredentialCipher, as ERP credentials are): it must be recoverable to sign
 * with, and a database dump alone must not reveal it. It is never returned.
 */
@Entity('webhooks')
@Index('webhooks_created_idx', ['createdAt', 'id'])
@Index('webhooks_updated_idx', ['updatedAt', 'id'])
@Check(
  'webhooks_format_ck',
  `"format" IN (${WEBHOOK_FORMATS.map((format) => `'${format}'`).join(', ')})`,
)
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', default: 'json' })
  format: WebhookFormat;

  /** `v1.<iv>.<tag>.<ciphertext>` of `{ secret }`: never returned, never logged. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
