import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters shared by all replicas (failed logins, public endpoints). */
@Entity('rate_limit_counters')
export class RateLimitCounterEntity {
  @PrimaryColumn({ type: 'text' })
  bucket: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  hits: number;
}
