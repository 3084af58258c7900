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
