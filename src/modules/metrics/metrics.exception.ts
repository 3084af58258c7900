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
  complianceDefinition: {
    en:
      'Obligations due in the range: each follow-up nextTouchAt whose due time falls in the range, ' +
      'fulfilled by a later follow-up on the customer no later than nextTouchAt + the grace period ' +
      '(complianceGraceHours, as set when the promise was made); one still within its grace ' +
      'and not yet fulfilled is left out until it settles. Plus each quote that needed approval and ' +
      'whose contract was signed in the range, fulfilled if its approval chain ended before signedAt. ' +
      "ratePct = fulfilled / due × 100, null when nothing is due. Counted for the obligation's owner " +
      "(the contract's owner), within the caller's data scope, and grouped by that user or its org unit.",
    zh:
      '统计区间内到期的跟进义务：每条跟进的 nextTouchAt 到期时间落在区间内，' +
      '在 nextTouchAt 加宽限期（创建时的 complianceGraceHours）内有后续跟进即为履约；仍在宽限期内且尚未履约的暂不计入。' +
      '另加：需要审批且合同签订时间在区间内的报价，在合同签订前完成审批即为履约。' +
      'ratePct = 履约数 / 到期数 × 100，无到期时为 null。计入义务负责人（合同负责人）名下，限于调用者的数据范围，按该用户或其所属组织分组。',
  },
  funnelDefinition: {
    en:
      'Per ISO week (Monday 00:00 in the organisation time zone): the customers that first reached ' +
      'each stage that week, a stage counting as reached when the customer reached it or a later one ' +
      '(lead at creation; contacted/quoted/won at a follow-up setting that stage; quoted at a quote; ' +
      "won at a contract's signedAt). Quotes: won at their contract's signedAt, lost at their lose " +
      'time; lossRatePct = lost / (won + lost) × 100, null with no closed quote.',
    zh:
      '按 ISO 周（组织时区周一 00:00 起）：当周首次到达各阶段的客户数；到达某阶段或其后阶段即视为到达' +
      '（创建即为线索；设定阶段的跟进记为已联系/已报价/已成交；创建报价记为已报价；合同签订时间记为已成交）。' +
      '报价：以合同签订时间计为赢单，以输单时间计为输单；lossRatePct = 输单 / (赢单 + 输单) × 100，无已关闭报价时为 null。',
  },
  precisionDefinition: {
    en:
      'Funnel anomalies (weeks that breached) whose week starts in the range, one per week however ' +
      "many directors were told. A week's judgement is the first one given: the resolution of the " +
      'first of its todos to be closed. precisionPct = confirmed / (confirmed + falseAlarms) × 100, ' +
      'null while none is judged.',
    zh:
      '周起始日在区间内的漏斗异常（触发告警的周），每周计一次，不论通知了几位总监。每周的判断以最先给出的为准：' +
      '即最先关闭的待办的 resolution。precisionPct = 确认数 / (确认数 + 误报数) × 100，无判断时为 null。',
  },
});
