import { catalogue } from '../../core/i18n/text';

/** The todo module's messages; it raises only the platform's exceptions, with these names. */
export const todoMessages = catalogue({
  todo: { en: 'Todo', zh: '待办' },
  resolutionRequired: {
    en: 'is required when closing a funnel_anomaly todo: confirmed or false_alarm',
    zh: '关闭漏斗异常待办时必须给出判断：confirmed（确认）或 false_alarm（误报）',
  },
  resolutionNotAllowed: {
    en: 'is only allowed when closing a funnel_anomaly todo (status done)',
    zh: '仅在关闭漏斗异常待办（status 为 done）时可填写',
  },
  noteWithoutResolution: {
    en: 'is only allowed together with resolution',
    zh: '只能与 resolution 一同填写',
  },
});
