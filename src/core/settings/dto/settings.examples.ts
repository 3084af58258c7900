import { DEFAULT_SETTINGS } from '../domain/settings';
import { SettingsResponse, UpdateSettingsDto } from './settings.dto';

export const SETTINGS_EXAMPLE: SettingsResponse = { ...DEFAULT_SETTINGS, version: 1 };

/**
 * The seller's name for customer documents, B2B customers go silent after two
 * days, and delivery objections learn a new word.
 */
export const UPDATE_SETTINGS_EXAMPLE: UpdateSettingsDto = {
  companyName: '杭州精工机械有限公司',
  silentHours: { b2b: 48 },
  objectionKeywords: { delivery: [...DEFAULT_SETTINGS.objectionKeywords.delivery, '缺货'] },
};

export const UPDATED_SETTINGS_EXAMPLE: SettingsResponse = {
  ...DEFAULT_SETTINGS,
  companyName: '杭州精工机械有限公司',
  silentHours: { ...DEFAULT_SETTINGS.silentHours, b2b: 48 },
  objectionKeywords: {
    ...DEFAULT_SETTINGS.objectionKeywords,
    delivery: [...DEFAULT_SETTINGS.objectionKeywords.delivery, '缺货'],
  },
  version: 2,
};
