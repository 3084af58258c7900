import type { Language, Text } from '../../../../core/i18n/text';
import { roundPct } from '../../../metrics/domain/statistics';
import { Exact, presentPct } from '../../../quotes/domain/quote-math';
import { BASE_WEEKS, repurchaseRatePct } from '../../../metrics/repurchase/domain/repurchase-rate';
import { teamPercentile } from './team-percentile';

export const AXIS_KEYS = [
  'first_response',
  'compliance',
  'win_rate',
  'price_discipline',
  'follow_up_depth',
  'repurchase',
] as const;
export type AxisKey = (typeof AXIS_KEYS)[number];

/** Each axis's name on the radar, in Chinese, as reps and managers read it. */
export const AXIS_LABELS: Record<AxisKey, string> = {
  first_response: '首响速度',
  compliance: '行动合规',
  win_rate: '赢单率',
  price_discipline: '价格纪律',
  follow_up_depth: '跟进深度',
  repurchase: '复购',
};

/** The counts behind one rep's axes over the range, as the statements give them. */
export interface RepFigures {
  /** Inquiries answered within target, and those that count (as withinTargetPct counts them). */
  firstResponse: { within: number; counted: number };
  /** Obligations due and fulfilled, as the compliance metric counts them. */
  compliance: { due: number; fulfilled: number };
  /** Quotes won (contract signed) and lost in the range. */
  closedQuotes: { won: number; lost: number };
  /** The mean discount, in per cent, of the quotes offered in the range (numeric text); null with none. */
  offeredQuotes: { meanDiscountPct: string | null };
  /** The rep's own follow-ups in the range, and those with a transcript and with objections. */
  followUps: { count: number; withTranscript: number; withObjections: number };
  /** Customers who ordered in the 4 weeks before the range, and those of them who ordered in it. */
  repurchase: { base: number; repurchased: number };
}

export type AxisValues = Record<AxisKey, number | null>;

/** part ÷ whole in per cent, half-up to 2 places (× 100 first, as the metrics do); null over nothing. */
const sharePct = (part: number, whole: number): number | null =>
  whole === 0 ? null : roundPct((part * 100) / whole);

/** Each axis on 0–100, higher better; null when the range holds nothing to measure it by. */
export function axisValues(figures: RepFigures): AxisValues {
  const { firstResponse, compliance, closedQuotes, offeredQuotes, followUps } = figures;
  const { meanDiscountPct } = offeredQuotes;
  return {
    first_response: sharePct(firstResponse.within, firstResponse.counted),
    compliance: sharePct(compliance.fulfilled, compliance.due),
    win_rate: sharePct(closedQuotes.won, closedQuotes.won + closedQuotes.lost),
    // Exact: 100 − 12.345 in binary floats is 87.65499…, which would round down.
    price_discipline:
      meanDiscountPct === null ? null : presentPct(new Exact(100).minus(meanDiscountPct)),
    // Two points a follow-up can earn, a transcript and an objection recorded.
    follow_up_depth: sharePct(
      followUps.withTranscript + followUps.withObjections,
      2 * followUps.count,
    ),
    repurchase: repurchaseRatePct(figures.repurchase.base, figures.repurchase.repurchased),
  };
}

/** The `definition` of each axis: how its value is computed, in plain words. */
export function axisDefinitions(targetMinutes: number): Record<AxisKey, Text> {
  return {
    first_response: {
      en: `The share of the inquiries of the customers the rep owns, received in the range, answered by a follow-up within ${targetMinutes} minutes (setting firstResponseTargetMinutes), as GET /metrics/first-response computes withinTargetPct: unanswered inquiries older than the target count as missed, younger ones are left out. Null with no inquiry counted.`,
      zh: `区间内收到的、该代表名下客户的询盘中，在 ${targetMinutes} 分钟（设置 firstResponseTargetMinutes）内得到跟进的比例，与 GET /metrics/first-response 的 withinTargetPct 相同：超过目标时长仍未响应的计为未达标，尚未超过的不计入。无询盘时为 null。`,
    },
    compliance: {
      en: 'The share of the rep’s obligations due in the range that were fulfilled, as GET /metrics/compliance computes ratePct: follow-up promises (nextTouchAt) kept within the grace period, and quotes needing approval approved before their contract. Null when nothing fell due.',
      zh: '该代表在区间内到期的义务中已履约的比例，与 GET /metrics/compliance 的 ratePct 相同：跟进承诺（nextTouchAt）在宽限期内兑现，需审批的报价在签约前完成审批。无到期义务时为 null。',
    },
    win_rate: {
      en: 'Of the rep’s quotes closed in the range, the share won: won at their contract’s signedAt, lost at their lose time, as the funnel counts them; won ÷ (won + lost) × 100. Null with no closed quote.',
      zh: '该代表在区间内关闭的报价中赢单的比例：以合同签订时间计为赢单，以输单时间计为输单，与漏斗口径相同；赢单 ÷（赢单 + 输单）× 100。无已关闭报价时为 null。',
    },
    price_discipline: {
      en: 'One hundred minus the mean discount of the rep’s quotes created in the range and offered (every status but draft). A quote’s discount is its largest line discountPct (list price minus unit price, over list price), as the approval policy reads it, and 0 when no line is below list price. Null with no such quote.',
      zh: '100 减去该代表在区间内创建并已提交（草稿除外）的报价的平均折扣。报价的折扣为其各行 discountPct（(标价 − 单价) ÷ 标价）的最大值，与审批策略口径相同；没有低于标价的行时为 0。无此类报价时为 null。',
    },
    follow_up_depth: {
      en: 'Of the follow-ups the rep recorded in the range on customers it owns, how many carry a transcript and how many have objections extracted: (with transcript + with objections) ÷ (2 × follow-ups) × 100. Null with no follow-up.',
      zh: '该代表在区间内为名下客户记录的跟进中，附有通话/会谈记录（transcript）的数量与提取到异议的数量：（有记录数 + 有异议数）÷（2 × 跟进数）× 100。无跟进时为 null。',
    },
    repurchase: {
      en: `Of the customers the rep owns that ordered in the ${BASE_WEEKS} weeks before the range, the share that ordered again in the range, at any store: repurchased ÷ base × 100. Null with no such customer.`,
      zh: `该代表名下在区间开始前 ${BASE_WEEKS} 周内下过订单的客户中，在区间内再次下单（任一门店）的比例：复购数 ÷ 基数 × 100。无此类客户时为 null。`,
    },
  };
}

/** One axis of the radar, as the response gives it. */
export interface RadarAxis {
  key: AxisKey;
  label: string;
  value: number | null;
  teamPercentile: number | null;
  definition: string;
}

/** The rep's axes in AXIS_KEYS order, each ranked among its peers' values of that axis. */
export function radarAxes(
  rep: AxisValues,
  peers: readonly AxisValues[],
  definitions: Record<AxisKey, Text>,
  language: Language,
): RadarAxis[] {
  return AXIS_KEYS.map((key) => ({
    key,
    label: AXIS_LABELS[key],
    value: rep[key],
    teamPercentile: teamPercentile(
      rep[key],
      peers.map((peer) => peer[key]),
    ),
    definition: definitions[key][language],
  }));
}

export interface RadarScope {
  from: string;
  to: string;
  timezone: string;
}

/** The response's `definition`: the range, the team and the percentile, in plain words. */
export function radarDefinition({ from, to, timezone }: RadarScope): Text {
  return {
    en: [
      `Each axis is on 0 to 100, higher is better, over ${from} 00:00 (inclusive) to ${to} 00:00 (exclusive), ${timezone} time; its definition says how it is computed.`,
      "The team is the user and the active users with the rep role in the user's org unit (just the user when it has none).",
      'teamPercentile ranks the value among the other members’ values of the axis: the share of them it is above, an equal value counting half, in per cent (100 the best, 0 the worst); members with no value are left out, and it is null when the value is null or no other member has one.',
    ].join(' '),
    zh: [
      `每条轴取值 0–100，越高越好，统计 ${from} 00:00（含）至 ${to} 00:00（不含）（${timezone} 时间），各轴的 definition 说明计算方法。`,
      '团队为该用户及其所在组织中具有销售代表角色的在职用户（无组织时仅含该用户）。',
      'teamPercentile 为该值在团队其他成员同一轴取值中的百分位：低于该值的成员占比，相等者计一半，以百分数表示（100 最好，0 最差）；无取值的成员不计入，该值为 null 或其他成员均无取值时为 null。',
    ].join(''),
  };
}
