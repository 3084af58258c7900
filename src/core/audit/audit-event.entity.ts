import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only and hash-chained. A trigger (see the migration) rejects UPDATE,
 * DELETE and TRUNCATE, so the app cannot rewrite history; the chain shows
 * anyone who does it behind the app's back.
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entity', 'entityId', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
