import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationSettings } from './domain/settings';

/** A single row (id = 1) holding the organisation's settings as overrides of the defaults. */
@Entity('organisation_settings')
@Check('organisation_settings_singleton', 'id = 1')
export class SettingsEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'jsonb' })
  values: Partial<OrganisationSettings>;

  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
