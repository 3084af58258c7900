import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per (caller, key): the request it was first used with, and the answer given. */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_at_idx', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text' })
  callerKey: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** sha256 of method, path and canonical body. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'int' })
  responseStatus: number;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
