import type { Decimal } from 'decimal.js';
import type { CompiledPolicy, CompiledTier } from './tier-math';

/*
 * A policy's formula in words, for people (the calculator's "explain"): figures
 * grouped by thousands, cents only when there are any.
 */

const WHOLE_AMOUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const AMOUNT_WITH_CENTS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'halfExpand',
});

/** "2,000,000" or "1,500.50". Intl formats the decimal string itself, without a float. */
function formatAmount(amount: Decimal): string {
  const format = amount.isInteger() ? WHOLE_AMOUNT : AMOUNT_WITH_CENTS;
  return format.format(amount.toFixed() as `${number}`);
}

/** "0–2,000,000" or, for the top tier, "5,000,000 以上" (以上 includes the figure itself). */
function formatRange({ from, to }: CompiledTier): string {
  return to ? `${formatAmount(from)}–${formatAmount(to)}` : `${formatAmount(from)} 以上`;
}

/**
 * The policy in words, for the calculator's "explain":
 * - progressive, a sum of slices:
 *   `0–2,000,000 × 1.5 % + 2,000,000–5,000,000 × 2 % + 5,000,000 以上 × 3 %`;
 * - flat_tier, one rate on the whole (全额) amount per range:
 *   `0–2,000,000：全额 × 1.5 %；2,000,000–5,000,000：全额 × 2 %；5,000,000 以上：全额 × 3 %`;
 * - a cap follows either: `…；封顶 100,000`.
 */
export function explainPolicy(policy: CompiledPolicy): string {
  const formula =
    policy.method === 'progressive'
      ? policy.tiers.map((tier) => `${formatRange(tier)} × ${tier.presented.ratePct} %`).join(' + ')
      : policy.tiers
          .map((tier) => `${formatRange(tier)}：全额 × ${tier.presented.ratePct} %`)
          .join('；');
  return policy.cap === null ? formula : `${formula}；封顶 ${formatAmount(policy.cap)}`;
}
