import { catalogue } from '../../core/i18n/text';

/** The metrics module's messages (API.md §8), in English and Chinese. */
export const metricMessages = catalogue({
  toNotAfterFrom: { en: 'must be after from', zh: '必须晚于 from' },
  rangeTooLong: (days: number) => ({
    en: `the range may span at most ${days} days`,
    zh: `统计区间最多 ${days} 天`,
  }),
  heatmapDefinition: {
    en: 'members: active users with the rep role whose org unit lies in the row unit’s subtree; headcount: their number; revenue: the amounts (net of VAT) of orders placed in the range (days in the organisation’s time zone, to excluded) for the customers each member owns now; perCapitaRevenue: revenue ÷ headcount, rounded half-up, null when headcount is 0',
    zh: '成员：组织单元位于该行单元（含下级）中、具有销售代表角色的在职用户；人数：成员数；业绩：区间内（按组织时区计日，不含结束日）成员当前名下客户的订单金额（不含税）之和；人均业绩：业绩 ÷ 人数，四舍五入到分，人数为 0 时为空',
  },
  repurchaseDefinition: {
    en: 'base: the customers with an order at the store in the 4 weeks before the week; repurchased: those of them who order at the same store again within the week (weeks Monday to Monday in the organisation’s time zone); ratePct: repurchased ÷ base × 100, null when base is 0',
    zh: '基数：该周之前 4 周内在该门店下过订单的客户数；复购：其中在该周内再次于同一门店下单的客户数（周一 0 点至下周一 0 点，按组织时区计）；复购率：复购 ÷ 基数 × 100，基数为 0 时为空',
  },
});
