import type { Text } from '../../../core/i18n/text';
import { roundPct } from '../domain/statistics';
import type { RepOrTeam } from '../dto/metric-query.dto';
import { POOL_NAME, type FirstResponseRow } from './first-response.repository';

export interface FirstResponseFigures {
  count: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinTargetPct: number | null;
}

/**
 * A row's figures as JSON: minutes as numbers (SQL rounded them half-up to 2
 * places), and the within-target share in per cent, null when no inquiry
 * counts yet (as withinTargetPct in statistics.ts decides it).
 */
export function toFigures(
  row: Pick<
    FirstResponseRow,
    'count' | 'responded' | 'medianMinutes' | 'p90Minutes' | 'within' | 'counted'
  >,
): FirstResponseFigures {
  return {
    count: row.count,
    responded: row.responded,
    medianMinutes: row.medianMinutes === null ? null : Number(row.medianMinutes),
    p90Minutes: row.p90Minutes === null ? null : Number(row.p90Minutes),
    // × 100 first, as lossRatePct does: 1 × 100 / 8 is exactly 12.5.
    withinTargetPct: row.counted === 0 ? null : roundPct((row.within * 100) / row.counted),
  };
}

export interface DefinitionInput {
  from: string;
  to: string;
  groupBy: RepOrTeam;
  timezone: string;
  targetMinutes: number;
}

/** The `definition` field: exactly how the answer was computed, in plain words. */
export function firstResponseDefinition(input: DefinitionInput): Text {
  const { from, to, timezone, targetMinutes } = input;
  const byRep = input.groupBy === 'rep';
  return {
    en: [
      `Inquiries received from ${from} 00:00 (inclusive) to ${to} 00:00 (exclusive), ${timezone} time, of the customers in your data scope.`,
      "An inquiry's response time is the minutes from its receivedAt to the customer's first follow-up, by anyone, with occurredAt at or after receivedAt.",
      'The median and p90 are nearest-rank percentiles over the responded inquiries, rounded to 2 places.',
      `Within target means a response time of at most ${targetMinutes} minutes (setting firstResponseTargetMinutes); the share counts the responded inquiries plus the unanswered ones already older than the target now, and leaves out the unanswered ones still younger than it.`,
      `${byRep ? "Groups are the customer's current owner" : "Groups are the org unit of the customer's current owner"}; customers in the public pool form the group with key null, named ${POOL_NAME}.`,
    ].join(' '),
    zh: [
      `统计 ${from} 00:00（含）至 ${to} 00:00（不含）（${timezone} 时间）收到的、您数据范围内客户的询盘。`,
      '询盘的响应时间 = 从 receivedAt 到该客户第一条 occurredAt 不早于 receivedAt 的跟进（任何人所记）的分钟数。',
      '中位数与 p90 为已响应询盘的最近秩百分位数，保留 2 位小数。',
      `达标指响应时间不超过 ${targetMinutes} 分钟（设置 firstResponseTargetMinutes）；达标率的分母为已响应询盘，加上此刻已超过目标时长仍未响应的询盘，尚未超过目标时长的未响应询盘不计入。`,
      `${byRep ? '按客户当前负责人分组' : '按客户当前负责人所属组织分组'}；公海客户单独成组，key 为 null，名称为「${POOL_NAME}」。`,
    ].join(''),
  };
}
