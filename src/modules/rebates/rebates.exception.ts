import { catalogue } from '../../core/i18n/text';

/** The rebates module's messages (API.md §7), in English and Chinese. */
export const rebateMessages = catalogue({
  needsTiers: { en: 'must list at least one tier', zh: '至少需要一个档位' },
  notMoney: {
    en: 'must be an amount of money with at most 2 decimals',
    zh: '必须是金额，最多 2 位小数',
  },
  negativeThreshold: { en: 'must be 0.00 or higher', zh: '必须大于或等于 0.00' },
  thresholdAscending: (previous: string) => ({
    en: `must be greater than the previous tier's ${previous}; list tiers by ascending threshold`,
    zh: `必须大于上一档的 ${previous}；档位须按门槛升序排列`,
  }),
  notRate: { en: 'must be a percentage, such as 1.5', zh: '必须是百分比数值，例如 1.5' },
  negativeRate: { en: 'must be 0 or higher', zh: '不能为负数' },
  capNotPositive: { en: 'must be greater than 0.00', zh: '必须大于 0.00' },
});
