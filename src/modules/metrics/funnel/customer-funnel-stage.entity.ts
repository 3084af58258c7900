import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The funnel's roll-up: when each customer first reached each stage (rank 0
 * lead, 1 contacted, 2 quoted, 3 won), reaching a later stage counting as
 * reaching the earlier ones. Kept by statement-level triggers on customers,
 * follow_ups, quotes and contracts (migration CreateCustomerFunnelStages) in
 * the transaction that writes the event, so it is never stale: the funnel
 * counts these rows instead of every customer's whole history.
 */
@Entity('customer_funnel_stages')
@Index('customer_funnel_stages_reached_idx', ['reachedAt', 'rank'])
export class CustomerFunnelStageEntity {
  /** No foreign key, as todos have none: a trigger writes these rows by the thousand. */
  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @PrimaryColumn({ type: 'smallint' })
  rank: number;

  @Column({ type: 'timestamptz', precision: 3 })
  reachedAt: Date;
}
