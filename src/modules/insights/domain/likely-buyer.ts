import {
  OBJECTION_CATEGORY_NAMES,
  ObjectionCategory,
} from '../../../core/settings/domain/settings';
import { DAY_MS, PurchaseCycle } from './purchase-cycle';

/** What the model knows of one customer at the time it ranks (`asOf`). */
export interface BuyerEvidence {
  cycle: PurchaseCycle | undefined;
  /** Signals (web visits, WeChat reads, …) in the `windowDays` before asOf, and in the window before that. */
  signals: { recent: number; previous: number; windowDays: number };
  /** Approved quotes not yet turned into a contract, and their total (a decimal string). */
  openApprovedQuotes: { count: number; total: string };
  /** The objections of the customer's latest follow-up. */
  latestObjections: readonly ObjectionCategory[];
  /** The last follow-up, inquiry, signal or order; undefined for a customer never heard from. */
  lastInteractionAt: Date | undefined;
}

export const REASON_CODES = [
  'cycle_due',
  'cycle_overdue',
  'cycle_later',
  'signals_growing',
  'open_approved_quote',
  'objection',
  'silence',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One part of the score: `weight` is what it adds (or, negative, takes away). */
export interface Reason {
  code: ReasonCode;
  text: string;
  weight: number;
}

export interface LikelyBuyerScore {
  /** The sum of the reasons' weights, held to [0, 1]. */
  score: number;
  /** When the purchase cycle expects the next order; null without orders. */
  expectedOrderAt: Date | null;
  /** Heaviest first (by absolute weight). */
  reasons: Reason[];
}

/**
 * The model's weights: the most each kind of evidence adds or takes away. The cycle dominates,
 * since a customer's own rhythm is the best guess of its next order; the rest moves a customer
 * up or down among those due. Documented in docs/insights.md, with the backtest that checks them.
 */
export const WEIGHTS = {
  cycle: 0.6,
  signals: 0.15,
  openApprovedQuote: 0.2,
  objection: 0.05,
  objectionsAtMost: 0.15,
  silence: 0.35,
} as const;

/** Signals count as growing only from this many in the recent window: two visits are noise. */
export const MIN_RECENT_SIGNALS = 3;
/** Silence starts to weigh after this many days, and weighs fully at SILENCE_FULL_DAYS. */
export const SILENCE_GRACE_DAYS = 14;
export const SILENCE_FULL_DAYS = 60;
/** An assumed cycle (fewer than 3 orders) is trusted half as much as a measured one. */
export const ASSUMED_CYCLE_TRUST = 0.5;

/** The objections that speak against an order soon; delivery and service ones do not. */
const OBJECTIONS_AGAINST: readonly ObjectionCategory[] = [
  'price',
  'competitor',
  'quality',
  'payment',
];

const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

const days = (ms: number) => ms / DAY_MS;

/**
 * How well the cycle's expected date fits the horizon [asOf, asOf + horizonDays]: 1 inside it,
 * falling off as a normal curve of the cycle's spread outside it. Times its regularity
 * (1 / (1 + spread / interval)), so that of two buyers due alike, the steadier ranks first.
 * A customer far past its date (it stopped buying) falls off like one far before it.
 */
function cycleReason(cycle: PurchaseCycle, asOf: Date, horizonDays: number): Reason {
  const dueInDays = days(cycle.expectedAt.getTime() - asOf.getTime());
  const outside = dueInDays < 0 ? -dueInDays : Math.max(0, dueInDays - horizonDays);
  const timing = Math.exp(-0.5 * (outside / cycle.spreadDays) ** 2);
  const regularity = 1 / (1 + cycle.spreadDays / cycle.intervalDays);
  const trust = cycle.basis === 'measured' ? 1 : ASSUMED_CYCLE_TRUST;
  const weight = WEIGHTS.cycle * timing * regularity * trust;
  const interval = Math.round(cycle.intervalDays);
  const basis =
    cycle.basis === 'measured'
      ? `按平均 ${interval} 天的采购周期`
      : `订单较少（${cycle.orderDays} 单），按约 ${interval} 天的周期估计`;
  if (dueInDays < 0) {
    return {
      code: 'cycle_overdue',
      text: `${basis}，已超过预计下单日 ${Math.round(-dueInDays)} 天`,
      weight,
    };
  }
  return {
    code: dueInDays <= horizonDays ? 'cycle_due' : 'cycle_later',
    text: `${basis}，预计 ${Math.round(dueInDays)} 天后下单`,
    weight,
  };
}

/** Growth of the signals over the window before, up to +100 %, from MIN_RECENT_SIGNALS up. */
function signalsReason({
  recent,
  previous,
  windowDays,
}: BuyerEvidence['signals']): Reason | undefined {
  if (recent < MIN_RECENT_SIGNALS || recent <= previous) return undefined;
  const growthPct = previous ? ((recent - previous) / previous) * 100 : 100;
  const weight = WEIGHTS.signals * Math.min(1, growthPct / 100);
  const text = previous
    ? `近 ${windowDays} 天互动信号增长 ${Math.round(growthPct)}%（${previous} → ${recent} 次）`
    : `近 ${windowDays} 天新出现 ${recent} 次互动信号`;
  return { code: 'signals_growing', text, weight };
}

function quoteReason({ count, total }: BuyerEvidence['openApprovedQuotes']): Reason | undefined {
  if (!count) return undefined;
  return {
    code: 'open_approved_quote',
    text: `有 ${count} 张已批准未成交的报价，合计 ¥${total}`,
    weight: WEIGHTS.openApprovedQuote,
  };
}

function objectionReason(objections: readonly ObjectionCategory[]): Reason | undefined {
  const against = [...new Set(objections)].filter((category) =>
    OBJECTIONS_AGAINST.includes(category),
  );
  if (!against.length) return undefined;
  return {
    code: 'objection',
    text: `最近一次跟进提到${against.map((category) => OBJECTION_CATEGORY_NAMES[category]).join('、')}异议`,
    weight: -Math.min(WEIGHTS.objectionsAtMost, WEIGHTS.objection * against.length),
  };
}

function silenceReason(lastInteractionAt: Date | undefined, asOf: Date): Reason | undefined {
  if (!lastInteractionAt) return undefined;
  const silentDays = days(asOf.getTime() - lastInteractionAt.getTime());
  if (silentDays <= SILENCE_GRACE_DAYS) return undefined;
  const share = Math.min(
    1,
    (silentDays - SILENCE_GRACE_DAYS) / (SILENCE_FULL_DAYS - SILENCE_GRACE_DAYS),
  );
  return {
    code: 'silence',
    text: `已 ${Math.floor(silentDays)} 天没有任何互动`,
    weight: -WEIGHTS.silence * share,
  };
}

/**
 * How likely a customer is to order within `horizonDays` after `asOf`, with its reasons: the
 * purchase cycle, growing signals, an approved quote waiting, the latest objections, silence.
 * A transparent sum, not a fitted model: each reason says what it adds, and the score is the
 * sum held to [0, 1]. Pure: the same evidence gives the same answer.
 */
export function scoreLikelyBuyer(
  evidence: BuyerEvidence,
  asOf: Date,
  horizonDays: number,
): LikelyBuyerScore {
  const reasons = [
    evidence.cycle && cycleReason(evidence.cycle, asOf, horizonDays),
    signalsReason(evidence.signals),
    quoteReason(evidence.openApprovedQuotes),
    objectionReason(evidence.latestObjections),
    silenceReason(evidence.lastInteractionAt, asOf),
  ]
    .filter((reason): reason is Reason => reason !== undefined)
    .map((reason) => ({ ...reason, weight: round(reason.weight, 4) }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.code.localeCompare(b.code));
  const evidenceSum = reasons.reduce((sum, reason) => sum + reason.weight, 0);
  return {
    score: round(Math.min(1, Math.max(0, evidenceSum)), 4),
    expectedOrderAt: evidence.cycle?.expectedAt ?? null,
    reasons,
  };
}
