import { roundPct } from '../../../metrics/domain/statistics';

/**
 * Where a rep's value stands among its team's: the share of the peers with a
 * value that the rep's value is above, a peer with the same value counting
 * half, in per cent (rounded half-up to 2 places). So 100 is the best of the
 * team, 0 the worst, and 50 the middle, or level with everyone. Null when
 * there is nothing to rank: the rep has no value, or no peer has one (a team
 * of one). A peer with no value (nothing to measure) is left out, not ranked
 * last: it did nothing badly.
 */
export function teamPercentile(
  value: number | null,
  peerValues: readonly (number | null)[],
): number | null {
  if (value === null) return null;
  const ranked = peerValues.filter((peer): peer is number => peer !== null);
  if (!ranked.length) return null;
  const below = ranked.filter((peer) => peer < value).length;
  const level = ranked.filter((peer) => peer === value).length;
  // × 100 first: (1 + 0.5) × 100 / 3 is exactly 50.
  return roundPct(((below + level / 2) * 100) / ranked.length);
}
