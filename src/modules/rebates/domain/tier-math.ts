import Decimal from 'decimal.js';
import { Exact, presentMoney } from '../../quotes/domain/quote-math';

/**
 * Rebate tier math (API.md §7), pure and exact. A policy is compiled once
 * into decimal.js values, so that evaluating it costs a few comparisons and
 * at most three decimal operations, with no parsing; figures stay exact and
 * are rounded half-up to 2 places only when presented.
 *
 * Decided here:
 * - a basis reaches a tier when it is at or above the tier's threshold, so a
 *   basis of exactly 5,000,000 earns the 5,000,000 tier's rate;
 * - a progressive basis that lands exactly on a threshold reaches that tier
 *   with a slice of 0.00, and its breakdown shows that row (likewise a basis
 *   of 0 under a first threshold of 0);
 * - the cap applies to rebate(x) itself, for the basis and for the
 *   year-to-date alike, so the incremental rebate never pays past the cap;
 * - effectiveRatePct uses the exact incremental rebate, is rounded half-up
 *   to 2 places, and is "0.00" when estimatedAmount is 0 (no new purchase,
 *   no rate to speak of).
 */

export type RebateMethod = 'progressive' | 'flat_tier';

export interface RebateTier {
  /** Money, a decimal string; thresholds ascend and the first is 0 or more. */
  threshold: string;
  /** A percentage: 1.5 means 1.5 %. */
  ratePct: string | number;
}

/** A policy that policyProblems() passes. */
export interface RebatePolicy {
  method: RebateMethod;
  tiers: RebateTier[];
  /** Money; caps the rebate of any amount. */
  capAmount?: string | null;
}

/** A policy as a client sends it: typed by the DTO, not yet checked as a whole. */
export interface UncheckedPolicy {
  tiers: { threshold: string | number; ratePct: string | number }[];
  capAmount?: string | number | null;
}

export interface CompiledTier {
  from: Decimal;
  /** The next tier's threshold; null for the top tier, which is open-ended. */
  to: Decimal | null;
  ratePct: Decimal;
  /** ratePct / 100, the factor applied to money. */
  rate: Decimal;
  /** to − from and the rebate it earns: the full slice; null for the top tier. */
  span: Decimal | null;
  spanRebate: Decimal | null;
  /** Progressive: what the full slices of all lower tiers earn together. */
  earnedBelow: Decimal;
  /** from, to and ratePct as the breakdown presents them, made once. */
  presented: { from: string; to: string | null; ratePct: string };
}

export interface CompiledPolicy {
  method: RebateMethod;
  tiers: readonly CompiledTier[];
  cap: Decimal | null;
}

/** One reached tier's share of a basis; exact, before the cap. */
export interface TierSlice {
  tier: CompiledTier;
  base: Decimal;
  rebate: Decimal;
}

/** A TierSlice as JSON (API.md §7 `breakdown`). */
export interface BreakdownRow {
  from: string;
  to: string | null;
  /** The policy's rate, its exact value without trailing zeros: "1.5". */
  ratePct: string;
  base: string;
  rebate: string;
}

export interface RebateInput {
  /** Money: the customer's orders this calendar year. */
  ytdPurchases: string;
  /** Money: the purchase being considered. */
  estimatedAmount: string;
}

/** The exact figures of one calculation; the service also needs incrementalRebate unrounded. */
export interface RebateFigures {
  ytdPurchases: Decimal;
  estimatedAmount: Decimal;
  /** ytdPurchases + estimatedAmount. */
  basis: Decimal;
  /** rebate(basis), capped. */
  totalRebate: Decimal;
  /** rebate(basis) − rebate(ytdPurchases), each capped. */
  incrementalRebate: Decimal;
}

/** The figures of POST /rebates/calculate that the policy alone decides, presented. */
export interface RebateCalculation {
  ytdPurchases: string;
  basis: string;
  totalRebate: string;
  incrementalRebate: string;
  effectiveRatePct: string;
  breakdown: BreakdownRow[];
}

const ZERO = new Exact(0);
const HUNDRED = new Exact(100);
/** Multiplying by 1/100 is exact and cheaper than dividing by 100. */
const PER_CENT = new Exact('0.01');

/** Parses a policy's figures once; give it only a policy that policyProblems() passes. */
export function compilePolicy(policy: RebatePolicy): CompiledPolicy {
  const thresholds = policy.tiers.map((tier) => new Exact(tier.threshold));
  const tiers: CompiledTier[] = [];
  let earnedBelow = ZERO;
  thresholds.forEach((from, index) => {
    const to = thresholds[index + 1] ?? null;
    const ratePct = new Exact(policy.tiers[index].ratePct);
    const rate = ratePct.times(PER_CENT);
    const span = to && to.minus(from);
    const spanRebate = span && span.times(rate);
    const presented = {
      from: presentMoney(from),
      to: to && presentMoney(to),
      ratePct: ratePct.toFixed(),
    };
    tiers.push({ from, to, ratePct, rate, span, spanRebate, earnedBelow, presented });
    if (spanRebate) earnedBelow = earnedBelow.plus(spanRebate);
  });
  const cap = policy.capAmount == null ? null : new Exact(policy.capAmount);
  return { method: policy.method, tiers, cap };
}

/** The index of the highest tier whose threshold `amount` reaches; −1 below the first. */
function reachedTier(policy: CompiledPolicy, amount: Decimal): number {
  let index = policy.tiers.length - 1;
  while (index >= 0 && amount.lessThan(policy.tiers[index].from)) index -= 1;
  return index;
}

/** The rebate of `amount` before the cap, exact. */
export function uncappedRebateOf(policy: CompiledPolicy, amount: Decimal): Decimal {
  const index = reachedTier(policy, amount);
  if (index < 0) return ZERO;
  const tier = policy.tiers[index];
  return policy.method === 'flat_tier'
    ? amount.times(tier.rate)
    : tier.earnedBelow.plus(amount.minus(tier.from).times(tier.rate));
}

/** The rebate of `amount`, capped, exact. */
export function rebateOf(policy: CompiledPolicy, amount: Decimal): Decimal {
  const rebate = uncappedRebateOf(policy, amount);
  return policy.cap !== null && rebate.greaterThan(policy.cap) ? policy.cap : rebate;
}

/**
 * The tiers that `basis` reaches and what each earns, before the cap:
 * progressive, one slice per reached tier, the lower ones full; flat_tier,
 * the reached tier alone, over the whole basis. Their rebates add up to
 * uncappedRebateOf(basis).
 */
export function slicesOf(policy: CompiledPolicy, basis: Decimal): TierSlice[] {
  const reached = reachedTier(policy, basis);
  if (reached < 0) return [];
  const top = policy.tiers[reached];
  if (policy.method === 'flat_tier') {
    return [{ tier: top, base: basis, rebate: basis.times(top.rate) }];
  }
  const slices: TierSlice[] = [];
  for (let index = 0; index < reached; index += 1) {
    const tier = policy.tiers[index];
    // A tier below the reached one is never the top tier, so its span exists.
    slices.push({ tier, base: tier.span!, rebate: tier.spanRebate! });
  }
  const base = basis.minus(top.from);
  slices.push({ tier: top, base, rebate: base.times(top.rate) });
  return slices;
}

export function presentSlice({ tier, base, rebate }: TierSlice): BreakdownRow {
  // Field by field: on this hot path, spreading `presented` costs more than both roundings.
  const { from, to, ratePct } = tier.presented;
  return { from, to, ratePct, base: presentMoney(base), rebate: presentMoney(rebate) };
}

/** The policy's figures for one customer and one estimate, exact. */
export function rebateFigures(
  policy: CompiledPolicy,
  ytdPurchases: Decimal,
  estimatedAmount: Decimal,
): RebateFigures {
  const basis = ytdPurchases.plus(estimatedAmount);
  const totalRebate = rebateOf(policy, basis);
  const incrementalRebate = totalRebate.minus(rebateOf(policy, ytdPurchases));
  return { ytdPurchases, estimatedAmount, basis, totalRebate, incrementalRebate };
}

/** incremental / estimated × 100, rounded half-up to 2 places; "0.00" when estimated is 0. */
function presentEffectiveRatePct({ incrementalRebate, estimatedAmount }: RebateFigures): string {
  if (estimatedAmount.isZero()) return '0.00';
  return incrementalRebate.div(estimatedAmount).times(HUNDRED).toFixed(2, Decimal.ROUND_HALF_UP);
}

/** A calculation's exact figures, presented (API.md §7): money rounded, the tiers reached. */
export function presentRebate(policy: CompiledPolicy, figures: RebateFigures): RebateCalculation {
  return {
    ytdPurchases: presentMoney(figures.ytdPurchases),
    basis: presentMoney(figures.basis),
    totalRebate: presentMoney(figures.totalRebate),
    incrementalRebate: presentMoney(figures.incrementalRebate),
    effectiveRatePct: presentEffectiveRatePct(figures),
    breakdown: slicesOf(policy, figures.basis).map(presentSlice),
  };
}

/** The policy's figures for one customer and one estimate, presented. */
export function calculateRebate(policy: CompiledPolicy, input: RebateInput): RebateCalculation {
  const { ytdPurchases, estimatedAmount } = input;
  return presentRebate(
    policy,
    rebateFigures(policy, new Exact(ytdPurchases), new Exact(estimatedAmount)),
  );
}
