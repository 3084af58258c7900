import { catalogue } from '../../core/i18n/text';

const UNIT_TYPE_NAMES: Record<string, string> = { store: '门店', team: '团队' };

/** The alert rules' messages (API.md §8), in English and Chinese. */
export const alertMessages = catalogue({
  alertRule: { en: 'Alert rule', zh: '预警规则' },
  notMeasuredBy: (metric: string, types: readonly string[]) => ({
    en: `${metric} is measured by ${types.join(' or ')} only`,
    zh: `${metric} 只能按${types.map((type) => UNIT_TYPE_NAMES[type] ?? type).join('或')}统计`,
  }),
});
