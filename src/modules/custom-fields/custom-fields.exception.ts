import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const CustomFieldErrorCode = {
  DUPLICATE_CUSTOM_FIELD: 'DUPLICATE_CUSTOM_FIELD',
} as const;

const quoted = (options: readonly string[]) => options.map((option) => `"${option}"`).join(', ');

/** The custom fields' messages (API.md §9), in English and Chinese. */
export const customFieldMessages = catalogue({
  customField: { en: 'Custom field', zh: '自定义字段' },
  duplicateKey: (entity: string, key: string) => ({
    en: `A custom field ${key} of ${entity} already exists`,
    zh: `${entity} 已有键为 ${key} 的自定义字段`,
  }),
  keyTaken: { en: 'is taken by another live field', zh: '已被另一个现有字段使用' },
  optionsRequired: {
    en: 'is required, with at least one option, for a select or multiselect',
    zh: '单选或多选字段必须提供至少一个选项',
  },
  optionsNotAllowed: {
    en: 'is only for a select or multiselect',
    zh: '只有单选或多选字段可以设置选项',
  },
  unknownField: { en: 'is not a custom field of this record', zh: '不是该记录的自定义字段' },
  required: { en: 'is required', zh: '为必填项' },
  notText: { en: 'must be a text', zh: '必须是文本' },
  textTooLong: (max: number) => ({
    en: `must be at most ${max} characters`,
    zh: `不能超过 ${max} 个字符`,
  }),
  notNumber: { en: 'must be a finite number', zh: '必须是有限数字' },
  notBoolean: { en: 'must be true or false', zh: '必须是 true 或 false' },
  notDate: { en: 'must be a calendar date, e.g. 2026-12-31', zh: '必须是日期，例如 2026-12-31' },
  notAnOption: (options: readonly string[]) => ({
    en: `must be one of ${quoted(options)}`,
    zh: `必须是以下选项之一：${quoted(options)}`,
  }),
  notOptionList: (options: readonly string[]) => ({
    en: `must be a list of options from ${quoted(options)}`,
    zh: `必须是由以下选项组成的列表：${quoted(options)}`,
  }),
  repeatedOption: { en: 'must not list an option twice', zh: '同一选项不能重复' },
  unknownKey: (entity: string, key: string) => ({
    en: `${entity} has no custom field ${key}`,
    zh: `${entity} 没有自定义字段 ${key}`,
  }),
});

/** 409: the entity has a live field with this key; a deleted one frees its key. */
export class DuplicateCustomFieldException extends DomainException {
  constructor(entity: string, key: string, existingFieldId: string) {
    super(
      'conflict',
      CustomFieldErrorCode.DUPLICATE_CUSTOM_FIELD,
      customFieldMessages.duplicateKey(entity, key),
      {
        errors: [{ field: 'key', message: customFieldMessages.keyTaken }],
        extensions: { existingFieldId },
      },
    );
  }
}
