/** A customer as the recency baseline sees it: its last order before the replayed week. */
export interface RecencyCandidate {
  customerId: string;
  lastOrderAt: Date | null;
}

/**
 * The baseline of the backtest (API.md §11): the customers who ordered most recently first;
 * ties by id, so the baseline is the same on every run. Customers without orders are left out.
 */
export function rankByRecency(candidates: readonly RecencyCandidate[]): string[] {
  return candidates
    .filter((candidate) => candidate.lastOrderAt !== null)
    .sort(
      (a, b) =>
        b.lastOrderAt!.getTime() - a.lastOrderAt!.getTime() ||
        (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    )
    .map((candidate) => candidate.customerId);
}

/**
 * Of the first `k` customers ranked, the share that did order: hits ÷ k. A ranking shorter than
 * k counts its missing places as misses, so a model cannot score by naming fewer customers.
 */
export function precisionAtK(
  ranked: readonly string[],
  buyers: ReadonlySet<string>,
  k: number,
): number {
  const hits = ranked.slice(0, k).filter((customerId) => buyers.has(customerId)).length;
  return hits / k;
}

/** The mean of the weeks' figures; 0 for no weeks. */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}
