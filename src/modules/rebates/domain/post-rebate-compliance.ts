import type { Decimal } from 'decimal.js';
import { Exact, presentPctOrNull } from '../../quotes/domain/quote-math';
import { RebateErrorCode, rebateMessages } from '../rebates.exception';

const HUNDRED = new Exact(100);

/** A quote's totals as the margin check needs them: money strings. */
export interface QuoteAmounts {
  amount: string;
  cost: string;
}

export interface PostRebateCompliance {
  ok: boolean;
  /** Only with a quote; null for a quote whose amount is 0. */
  marginAfterRebatePct?: number | null;
  minMarginPct: number;
  messages: { code: string; text: string }[];
}

/** API.md §7 fixes the text in Chinese, whatever the language the request asks for. */
const BELOW_FLOOR = {
  code: RebateErrorCode.BELOW_POST_REBATE_FLOOR,
  text: rebateMessages.belowPostRebateFloor.zh,
};

/**
 * The quote's margin after the rebate, (amount − cost − incrementalRebate) /
 * amount × 100, against the floor `minMarginPct`: exact, with the exact
 * incremental rebate, rounded only when presented; a margin exactly at the
 * floor is ok. A quote of amount 0 earns no margin, so it is not ok. Without
 * a quote there is nothing to check.
 */
export function postRebateCompliance(
  incrementalRebate: Decimal,
  quote: QuoteAmounts | undefined,
  minMarginPct: number,
): PostRebateCompliance {
  if (!quote) return { ok: true, minMarginPct, messages: [] };
  const amount = new Exact(quote.amount);
  const margin = amount.isZero()
    ? null
    : amount.minus(quote.cost).minus(incrementalRebate).div(amount).times(HUNDRED);
  const ok = margin !== null && margin.greaterThanOrEqualTo(minMarginPct);
  return {
    ok,
    marginAfterRebatePct: presentPctOrNull(margin),
    minMarginPct,
    messages: ok ? [] : [BELOW_FLOOR],
  };
}
