import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ErpKind } from '../adapters';

export const ERP_KINDS = ['k3cloud', 'u8'] as const satisfies readonly ErpKind[];

/**
 * Bounds of `timeoutMs`: under a second even a healthy ERP's login may miss
 * it; over two minutes a hung ERP holds a worker too long.
 */
export const MIN_TIMEOUT_MS = 1000;
export const MAX_TIMEOUT_MS = 120_000;

/**
 * How the app reaches one ERP (API.md §6). The credentials are sealed
 * (CredentialCipher): a database dump alone reveals no ERP password.
 */
@Entity('erp_connections')
@Index('erp_connections_updated_idx', ['updatedAt', 'id'])
@Index('erp_connections_created_idx', ['createdAt', 'id'])
/** At most one connection is active: the one new jobs use. Activations serialise on it too. */
@Index('erp_connections_one_active_uq', ['active'], { unique: true, where: '"active"' })
@Check('erp_connections_kind_ck', `"kind" IN (${ERP_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
@Check('erp_connections_timeout_ck', `"timeout_ms" BETWEEN ${MIN_TIMEOUT_MS} AND ${MAX_TIMEOUT_MS}`)
export class ErpConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ErpKind;

  @Column({ type: 'text' })
  baseUrl: string;

  /** `v1.<iv>.<tag>.<ciphertext>`: never returned, never logged. */
  @Column({ type: 'text' })
  credentials: string;

  /** When the credentials were last given: the only trace of them the API shows. */
  @Column({ type: 'timestamptz', precision: 3 })
  credentialsSetAt: Date;

  /** Per kind: K3's sale org and bill type, U8's business type and department. */
  @Column({ type: 'jsonb' })
  defaults: Record<string, string>;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  @Column({ type: 'integer', default: 15000 })
  timeoutMs: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** Also the adapter cache's key: a new version builds a new adapter. */
  @VersionColumn({ default: 1 })
  version: number;
}
