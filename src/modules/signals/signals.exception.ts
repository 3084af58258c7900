import { catalogue } from '../../core/i18n/text';

/** The messages of signals and trigger rules, among them the hand-made checks of a signal batch. */
export const signalMessages = catalogue({
  triggerRule: { en: 'Trigger rule', zh: '触发规则' },
  invalidBatch: {
    en: 'The signal batch has invalid or unknown fields',
    zh: '信号批次中有无效或未知的字段',
  },
  notArray: { en: 'signals must be an array', zh: 'signals 必须是数组' },
  batchSize: (max: number, size: number) => ({
    en: `signals must contain 1 to ${max} items, not ${size}`,
    zh: `signals 必须包含 1 到 ${max} 项，而不是 ${size} 项`,
  }),
  notObject: { en: 'each signal must be a JSON object', zh: '每条信号都必须是 JSON 对象' },
  customerOrPhone: {
    en: 'name exactly one of customerId and phone',
    zh: 'customerId 和 phone 必须且只能给出一个',
  },
  customerIdUuid: { en: 'customerId must be a UUID', zh: 'customerId 必须是 UUID' },
  phoneText: (max: number) => ({
    en: `phone must be a string of 1 to ${max} characters`,
    zh: `phone 必须是 1 到 ${max} 个字符的字符串`,
  }),
  type: (types: string) => ({
    en: `type must be one of the following values: ${types}`,
    zh: `type 必须是以下值之一：${types}`,
  }),
  count: (max: number) => ({
    en: `count must be an integer from 1 to ${max}`,
    zh: `count 必须是 1 到 ${max} 之间的整数`,
  }),
  at: {
    en: 'at must be an ISO-8601 date-time with an offset',
    zh: 'at 必须是带时区偏移的 ISO-8601 时间',
  },
  atInFuture: (minutes: number) => ({
    en: `at must not be more than ${minutes} minutes in the future`,
    zh: `at 不能晚于当前时间 ${minutes} 分钟以上`,
  }),
  unknownField: (key: string) => ({
    en: `property ${key} should not exist`,
    zh: `不允许有字段 ${key}`,
  }),
});
