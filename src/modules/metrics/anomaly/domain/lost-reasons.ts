/** A lost reason and how many of the week's lost quotes gave it. */
export interface ReasonCount {
  reason: string;
  count: number;
}

/**
 * The week's lost reasons by frequency, most frequent first, ties by reason:
 * the root-cause task's starting point. Reasons are compared trimmed; a quote
 * lost without one counts under `unknown` (e.g. 「未填写」).
 */
export function reasonsByFrequency(
  reasons: readonly (string | null)[],
  unknown: string,
): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const raw of reasons) {
    const reason = raw?.trim() || unknown;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}
