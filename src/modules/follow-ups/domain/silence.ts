const HOUR_MS = 3_600_000;

/** Whole hours a customer has been silent: since its last interaction, or since it was created. */
export function silentHours(lastInteractionAt: Date | null, createdAt: Date, now: Date): number {
  const since = lastInteractionAt ?? createdAt;
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / HOUR_MS));
}
