import { roundPct } from '../../domain/statistics';

/** The weeks before a week whose customers make its base. */
export const BASE_WEEKS = 4;

/** repurchased ÷ base × 100, rounded half-up to 2 places; null with no base, where there is no rate. */
export function repurchaseRatePct(base: number, repurchased: number): number | null {
  // × 100 first: 6 × 100 / 10 is exactly 60.
  return base === 0 ? null : roundPct((repurchased * 100) / base);
}
