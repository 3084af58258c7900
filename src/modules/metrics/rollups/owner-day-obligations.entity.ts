import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The compliance metric's roll-up: `nextTouchAt` obligations per due day (in
 * the organisation's time zone) and obligation owner, as a log of signed
 * deltas kept like `owner_day_orders`, by triggers on follow_up_obligations.
 * It counts every obligation, settled or not: the metric subtracts the few
 * whose grace is still running from the table itself.
 */
@Entity('owner_day_obligations')
@Index('owner_day_obligations_day_idx', ['day', 'ownerId'])
export class OwnerDayObligationsEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'date' })
  day: string;

  /** Null for an obligation without an owner, as in follow_up_obligations. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'int' })
  due: number;

  @Column({ type: 'int' })
  fulfilled: number;
}
