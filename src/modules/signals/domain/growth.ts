/** A customer's signal count in a rule's current window and in the window before it. */
export interface WindowCounts {
  current: number;
  previous: number;
}

export interface GrowthThreshold {
  /** Positive, with up to 2 fraction digits. */
  growthPct: number;
  /** At least 1. */
  minCount: number;
}

/**
 * (current − previous) / previous × 100, rounded half-up to 2 places, as
 * the todo's payload reports it; null when previous is 0, where growth from
 * nothing has no percentage.
 */
export function growthPct({ current, previous }: WindowCounts): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) * 10_000) / previous) / 100;
}

/**
 * The trigger condition, as the evaluation SQL states it (see
 * trigger-rules.repository.ts): the current count is at least `minCount`,
 * and either the previous window had none (anything from nothing is growth)
 * or the growth is at least `growthPct` %, a count exactly at the threshold
 * included. Cross-multiplied in hundredths of a percent, so the comparison
 * is exact integer arithmetic (for counts below 9·10^11), never a rounded
 * quotient.
 */
export function qualifies(counts: WindowCounts, threshold: GrowthThreshold): boolean {
  if (counts.current < threshold.minCount) return false;
  if (counts.previous === 0) return true;
  const hundredths = Math.round(threshold.growthPct * 100);
  return (counts.current - counts.previous) * 10_000 >= hundredths * counts.previous;
}
