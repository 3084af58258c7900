import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The likely buyers' roll-up: one row per customer and day with an order (in the
 * organisation's time zone), carrying the customer's purchase cycle as it stood at the end of
 * that day. Triggers on orders (migration CreateCustomerOrderDays) rewrite a customer's rows in
 * the writing transaction, so the cycle is never stale; a change of the `timezone` setting
 * rebuilds them all. The ranking reads the cycles in force at any time from one range of an
 * index (`superseded_at`) instead of a pass over the orders.
 */
@Entity('customer_order_days')
/** `(superseded_at) INCLUDE (…the cycle)`, declared in the migration. */
@Index('customer_order_days_in_force_idx', { synchronize: false })
export class CustomerOrderDayEntity {
  /** No foreign key, as the metrics' roll-ups have none: triggers write these rows by the thousand. */
  @PrimaryColumn({ type: 'uuid' })
  customerId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'timestamptz', precision: 3 })
  firstOrderedAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  lastOrderedAt: Date;

  /** The customer's order days up to and including this one. */
  @Column({ type: 'int' })
  orderDays: number;

  /** The median of the latest CYCLE_INTERVALS intervals between order days; null on the first. */
  @Column({ type: 'double precision', nullable: true })
  medianIntervalDays: number | null;

  /** Their median absolute deviation from that median; null on the first. */
  @Column({ type: 'double precision', nullable: true })
  madDays: number | null;

  /** The first order of the customer's next order day: until then this row is in force. Null on the latest. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  supersededAt: Date | null;
}
