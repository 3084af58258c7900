import { ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { Text } from '../i18n/text';

/**
 * The validation pipe's messages. A field gets one message: the first of its
 * failed constraints in this order, from "it is not there at all" to its
 * type, then its form, then its size. English is class-validator's own
 * message; Chinese comes from the catalogue below, which a unit test keeps
 * complete for every constraint a DTO uses.
 */
const ORDER = [
  'whitelistValidation',
  'isDefined',
  'nestedValidation',
  'isObject',
  'isArray',
  'isString',
  'isBoolean',
  'isInt',
  'isDecimalNumber',
  'isIn',
  'isUuid',
  'notInFuture',
  'isTimestamp',
  'isCalendarDate',
  'isIsoWeek',
  'isTimeZone',
  'isUrl',
  'matches',
  'isNotEmpty',
  'notContains',
  'minLength',
  'maxLength',
  'min',
  'max',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayUnique',
  'withoutLines',
];

type ChineseText = (property: string, args: unknown[], each: boolean) => string;

/** The subject of a message: the field, or each of its items for a constraint declared with `each`. */
const every = (each: boolean, property: string) =>
  each ? `${property} 中的每一项` : `${property} `;

export const CHINESE_CONSTRAINT_TEXTS: Record<string, ChineseText> = {
  whitelistValidation: (p) => `不允许有字段 ${p}`,
  isDefined: (p) => `${p} 为必填项`,
  nestedValidation: (p) => `${p} 必须是对象或数组`,
  isObject: (p) => `${p} 必须是对象`,
  isArray: (p) => `${p} 必须是数组`,
  isString: (p, _a, each) => `${every(each, p)}必须是字符串`,
  isBoolean: (p) => `${p} 必须是布尔值`,
  isInt: (p, _a, each) => `${every(each, p)}必须是整数`,
  isDecimalNumber: (p, [places]) => `${p} 必须是最多 ${String(places)} 位小数的数字`,
  isIn: (p, [values], each) => `${every(each, p)}必须是以下值之一：${list(values)}`,
  isUuid: (p, _a, each) => `${every(each, p)}必须是 UUID`,
  notInFuture: (p) => `${p} 不能晚于当前时间`,
  isTimestamp: (p) => `${p} 必须是带时区偏移的 ISO-8601 时间，例如 2026-12-06T10:30:00+08:00`,
  isCalendarDate: (p) => `${p} 必须是日历日期，例如 2026-12-31`,
  isIsoWeek: (p) => `${p} 必须是存在的 ISO 周，例如 2026-W49`,
  isTimeZone: (p) => `${p} 必须是有效的 IANA 时区，例如 Asia/Shanghai`,
  isUrl: (p) => `${p} 必须是有效的 URL`,
  matches: (p, _a, each) => `${every(each, p)}格式不正确`,
  isNotEmpty: (p) => `${p} 不能为空`,
  notContains: (p, [part]) => `${p} 不能包含 "${String(part)}"`,
  minLength: (p, [min], each) => `${every(each, p)}至少需要 ${String(min)} 个字符`,
  maxLength: (p, [max], each) => `${every(each, p)}最多 ${String(max)} 个字符`,
  min: (p, [min]) => `${p} 不能小于 ${String(min)}`,
  max: (p, [max]) => `${p} 不能大于 ${String(max)}`,
  arrayMinSize: (p, [min]) => `${p} 至少需要 ${String(min)} 项`,
  arrayMaxSize: (p, [max]) => `${p} 最多 ${String(max)} 项`,
  arrayUnique: (p) => `${p} 中的值不能重复`,
  withoutLines: (p) => `${p} 与 lines 只能二选一`,
};

const list = (values: unknown) => (Array.isArray(values) ? values.join('、') : String(values));

const rank = (name: string) => {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
};

/** The arguments a constraint was declared with (MinLength(2): [2]), from class-validator's metadata. */
function declaration(error: ValidationError, name: string): { args: unknown[]; each: boolean } {
  const target = (error.target as object | undefined)?.constructor;
  const metadata = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .find((entry) => entry.propertyName === error.property && entry.name === name)
    : undefined;
  return { args: (metadata?.constraints as unknown[] | undefined) ?? [], each: !!metadata?.each };
}

/**
 * A constraint's Chinese text: the one its declaration gives in
 * `context.zh` (for a custom English `message`), else the catalogue's.
 */
function chineseFor(error: ValidationError, name: string, args: unknown[], each: boolean): string {
  const declared = (error.contexts?.[name] as { zh?: unknown } | undefined)?.zh;
  if (typeof declared === 'string') return declared;
  const chinese = CHINESE_CONSTRAINT_TEXTS[name];
  return chinese ? chinese(error.property, args, each) : (error.constraints?.[name] ?? '');
}

/**
 * The one message of a field that failed validation. An absent field is
 * "required", whatever constraint noticed it; otherwise the first failed
 * constraint in ORDER speaks.
 */
export function firstFailure(error: ValidationError): Text {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints).sort((a, b) => rank(a) - rank(b));
  const absent = error.value === undefined && !names.includes('whitelistValidation');
  if (absent) {
    return { en: `${error.property} is required`, zh: `${error.property} 为必填项` };
  }
  const name = names[0];
  const { args, each } = declaration(error, name);
  return { en: constraints[name], zh: chineseFor(error, name, args, each) };
}
