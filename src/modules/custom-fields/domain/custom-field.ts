/** The entities whose records carry custom fields (API.md §9). */
export const CUSTOM_FIELD_ENTITIES = ['customer', 'follow_up', 'quote'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'select',
  'multiselect',
  'date',
  'boolean',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** The types whose values come from the definition's `options`. */
export const OPTION_TYPES: readonly CustomFieldType[] = ['select', 'multiselect'];

/**
 * A key is a stable, machine-readable name (`tasting_feedback`): it names the
 * value inside `customFields` and in error fields, so it stays ASCII; the
 * label is what people read, in any language.
 */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The longest text value, in characters. */
export const MAX_TEXT_LENGTH = 500;
/** The most options a select may list, and the longest option. */
export const MAX_OPTIONS = 100;
export const MAX_OPTION_LENGTH = 50;

/** What validation needs of a live definition. */
export interface FieldDefinition {
  key: string;
  type: CustomFieldType;
  options: string[] | null;
  required: boolean;
}
