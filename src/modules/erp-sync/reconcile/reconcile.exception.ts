import { catalogue } from '../../../core/i18n/text';

export const reconcileMessages = catalogue({
  toAfterFrom: { en: 'must be later than from', zh: '必须晚于 from' },
  windowTooLong: (days: number) => ({
    en: `must be at most ${days} days after from`,
    zh: `与 from 的间隔不能超过 ${days} 天`,
  }),
  invalidWindow: {
    en: 'The reconciliation window is invalid',
    zh: '对账时间范围无效',
  },
});
