import { Exact, presentMoney } from '../../../quotes/domain/quote-math';

/**
 * Revenue per head: `revenue ÷ headcount`, exact, then rounded half-up to 2
 * places. Null for no head: a unit with no rep has no revenue per rep, and
 * "0.00" would read as reps who sold nothing.
 */
export function perCapita(revenue: string, headcount: number): string | null {
  if (headcount === 0) return null;
  return presentMoney(new Exact(revenue).div(headcount));
}
