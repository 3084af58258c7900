import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../../../core/errors/domain.exception';
import { isCalendarDate } from '../../../core/http/timestamps';
import type { Text } from '../../../core/i18n/text';
import { customFieldMessages } from '../custom-fields.exception';
import { FieldDefinition, MAX_TEXT_LENGTH } from './custom-field';

/** Why `value` is not a valid value of `definition`, or undefined when it is. */
function valueProblem(definition: FieldDefinition, value: unknown): Text | undefined {
  const options = definition.options ?? [];
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') return customFieldMessages.notText;
      // Characters as people count them (code points): an emoji is one, as MaxLength counts it.
      return [...value].length > MAX_TEXT_LENGTH
        ? customFieldMessages.textTooLong(MAX_TEXT_LENGTH)
        : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : customFieldMessages.notNumber;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : customFieldMessages.notBoolean;
    case 'date':
      return isCalendarDate(value) ? undefined : customFieldMessages.notDate;
    case 'select':
      return typeof value === 'string' && options.includes(value)
        ? undefined
        : customFieldMessages.notAnOption(options);
    case 'multiselect':
      return multiselectProblem(options, value);
  }
}

function multiselectProblem(options: string[], value: unknown): Text | undefined {
  if (!Array.isArray(value)) return customFieldMessages.notOptionList(options);
  if (!value.every((item) => typeof item === 'string' && options.includes(item)))
    return customFieldMessages.notOptionList(options);
  return new Set(value).size === value.length ? undefined : customFieldMessages.repeatedOption;
}

/**
 * The problems of a record's `customFields` against the entity's live
 * definitions, each naming `customFields.<key>`; empty when they are valid.
 *
 * `kept` is what the record held before this write: a value whose definition
 * was deleted is history, so sending it back unchanged (a client that read
 * the record and writes it back whole) is no unknown key. A deleted
 * definition neither validates nor requires anything.
 */
export function customFieldProblems(
  definitions: readonly FieldDefinition[],
  values: Record<string, unknown>,
  kept: Record<string, unknown> = {},
): FieldError[] {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    const message = definition
      ? valueProblem(definition, value)
      : historic(key, value, kept)
        ? undefined
        : customFieldMessages.unknownField;
    if (message) errors.push({ field: `customFields.${key}`, message });
  }
  for (const definition of definitions) {
    // Own members only: a field keyed `constructor` is not given by Object.prototype's.
    if (definition.required && !Object.hasOwn(values, definition.key))
      errors.push({
        field: `customFields.${definition.key}`,
        message: customFieldMessages.required,
      });
  }
  return errors;
}

function historic(key: string, value: unknown, kept: Record<string, unknown>): boolean {
  return Object.hasOwn(kept, key) && isDeepStrictEqual(kept[key], value);
}
