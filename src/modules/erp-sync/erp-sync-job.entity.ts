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
} from 'typeorm';
import { ContractEntity } from '../contracts/contract.entity';
import { ErpConnectionEntity } from './connections/erp-connection.entity';

/**
 * `pending`: queued, not yet in the ERP; `synced`: the ERP holds the order;
 * `failed`: the ERP refused it (a business error, with its message); `dead`:
 * retries ran out. Written with the contract, in its transaction: the outbox.
 */
export const ERP_SYNC_STATUSES = ['pending', 'synced', 'failed', 'dead'] as const;
export type ErpSyncStatus = (typeof ERP_SYNC_STATUSES)[number];

/** One contract's way into the ERP: exactly one per contract. */
@Entity('erp_sync_jobs')
@Index('erp_sync_jobs_status_idx', ['status', 'createdAt', 'id'])
@Index('erp_sync_jobs_updated_idx', ['updatedAt', 'id'])
@Check(
  'erp_sync_jobs_status_ck',
  `"status" IN (${ERP_SYNC_STATUSES.map((status) => `'${status}'`).join(', ')})`,
)
export class ErpSyncJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('erp_sync_jobs_contract_uq', { unique: true })
  @Column({ type: 'uuid' })
  contractId: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<ContractEntity>;

  @Column({ type: 'text', default: 'pending' })
  status: ErpSyncStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The ERP's message for a business error, or the last transient failure's reason. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /**
   * The ERP connection the job is bound to: the active one when it was first
   * attempted, so that activating another connection later does not send
   * half-synced contracts to a second ERP.
   */
  @Column({ type: 'uuid', nullable: true })
  connectionId: string | null;

  @ManyToOne(() => ErpConnectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'connection_id' })
  connection?: Relation<ErpConnectionEntity>;

  /** The order number the ERP gave (K3's bill number, U8's id). */
  @Column({ type: 'text', nullable: true })
  erpOrderNo: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
