import { DEFAULT_SETTINGS, OrganisationSettings } from './domain/settings';

type TextSetting = {
  [K in keyof OrganisationSettings]: OrganisationSettings[K] extends string ? K : never;
}[keyof OrganisationSettings];

/** The settings that hold whole numbers (the settings DTO checks them as integers). */
type IntegerSetting = Extract<
  keyof OrganisationSettings,
  | 'complianceGraceHours'
  | 'firstResponseTargetMinutes'
  | 'ticketFirstResponseHours'
  | 'funnelAnomalyWindowWeeks'
>;

/**
 * A text setting as a SQL expression, read by the statement that uses it: a
 * hot write (signing a contract) then needs no round trip of its own for it.
 * Falls back to the default as `withDefaults` does.
 */
export function textSettingSql(key: TextSetting): string {
  const fallback = DEFAULT_SETTINGS[key].replace(/'/g, "''");
  return `coalesce((SELECT values->>'${key}' FROM organisation_settings WHERE id = 1), '${fallback}')`;
}

/** A whole-number setting (e.g. firstResponseTargetMinutes) as a SQL `int` expression, likewise. */
export function integerSettingSql(key: IntegerSetting): string {
  return `coalesce((SELECT (values->>'${key}')::int FROM organisation_settings WHERE id = 1), ${DEFAULT_SETTINGS[key]})`;
}
