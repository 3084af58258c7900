import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { TransactionHost } from '../database/transaction-host';
import { StaleVersionException } from '../errors/domain.exception';
import { Text } from '../i18n/text';
import {
  applySettingsPatch,
  changedKeys,
  OrganisationSettings,
  SettingsPatch,
  withDefaults,
} from './domain/settings';

/** How the settings are named in messages. */
const SETTINGS: Text = { en: 'Settings', zh: '设置' };

export interface VersionedSettings {
  settings: OrganisationSettings;
  version: number;
}

@Injectable()
export class SettingsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  /** The effective settings; other modules read their thresholds here. */
  async get(): Promise<OrganisationSettings> {
    return (await this.getVersioned()).settings;
  }

  async getVersioned(lock = false): Promise<VersionedSettings> {
    const [row] = await this.tx.query<{ values: Partial<OrganisationSettings>; version: number }>(
      `SELECT values, version FROM organisation_settings WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`,
      [],
      { prepare: true },
    );
    return { settings: withDefaults(row?.values ?? {}), version: row?.version ?? 1 };
  }

  async update(
    patch: SettingsPatch,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<VersionedSettings> {
    return this.tx.withTransaction(async () => {
      const current = await this.getVersioned(true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(SETTINGS, expectedVersion, current.version);
      }
      const settings = applySettingsPatch(current.settings, patch);
      const changed = changedKeys(current.settings, settings);
      if (!changed.length) return current;
      const [{ version }] = await this.tx.query<{ version: number }>(
        `UPDATE organisation_settings SET values = $1, version = version + 1, updated_at = now()
         WHERE id = 1 RETURNING version`,
        [settings],
      );
      await this.audit.append({
        actor,
        entity: 'settings',
        entityId: 'organisation',
        action: 'updated',
        data: {
          version,
          before: Object.fromEntries(changed.map((key) => [key, current.settings[key]])),
          after: Object.fromEntries(changed.map((key) => [key, settings[key]])),
        },
      });
      return { settings, version };
    });
  }
}
