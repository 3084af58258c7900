import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The heatmap's roll-up: orders and revenue per day (in the organisation's
 * time zone) and customer owner, as a log of signed deltas. Triggers on
 * orders and customers (migration CreateMetricRollups) append a row per
 * (day, owner) a statement changes, in the writing transaction, so the sums
 * are never stale and concurrent writers never wait on one another;
 * `RollupCompactionService` folds each key's rows into one now and then.
 * Pool customers' orders (no owner) are not kept: the heatmap counts reps.
 */
@Entity('owner_day_orders')
@Index('owner_day_orders_day_idx', ['day', 'ownerId'])
export class OwnerDayOrdersEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'date' })
  day: string;

  /** No foreign key, as todos have none: triggers write these rows by the thousand. */
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'int' })
  orders: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  revenue: string;
}
