import { catalogue } from '../../core/i18n/text';

/** The metrics module's messages (API.md §8), in English and Chinese. */
export const metricMessages = catalogue({
  toNotAfterFrom: { en: 'must be after from', zh: '必须晚于 from' },
  rangeTooLong: (days: number) => ({
    en: `the range may span at most ${days} days`,
    zh: `统计区间最多 ${days} 天`,
  }),
});
