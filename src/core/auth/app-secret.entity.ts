import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets the app generates for itself (the access-token signing secret when
 * JWT_SECRET is unset). They live in the database, so replicas sharing it
 * agree, and the embedded database keeps them in DATA_DIR with everything else.
 */
@Entity('app_secrets')
export class AppSecretEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  value: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
