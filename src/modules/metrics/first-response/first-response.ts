import { roundPct } from '../domain/statistics';
import type { RepOrTeam } from '../dto/metric-query.dto';
import type { FirstResponseRow } from './first-response.repository';

export interface FirstResponseFigures {
  count: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinTargetPct: number | null;
}

/**
 * A row's figures as JSON: minutes as numbers (SQL rounded them half-up to 2
 * places), and the within-target share in per cent, null when no inquiry
 * counts yet (as withinTargetPct in statistics.ts decides it).
 */
export function toFigures(
  row: Pick<
    FirstResponseRow,
    'count' | 'responded' | 'medianMinutes' | 'p90Minutes' | 'within' | 'counted'
  >,
): FirstResponseFigures {
  return {
    count: row.count,
    responded: row.responded,
    medianMinutes: row.medianMinutes === null ? null : Number(row.medianMinutes),
    p90Minutes: row.p90Minutes === null ? null : Number(row.p90Minutes),
    // × 100 first, as lossRatePct does: 1 × 100 / 8 is exactly 12.5.
    withinTargetPct: row.counted === 0 ? null : roundPct((row.within * 100) / row.counted),
  };
}

export interface DefinitionInput {
  from: string;
  to: string;
  groupBy: RepOrTeam;
  timezone: string;
  targetMinutes: number;
}

/** The `definition` field: exactly how the answer was computed, in plain English. */
export function firstResponseDefinition(input: DefinitionInput): string {
  const group =
    input.groupBy === 'rep'
      ? "Groups are the customer's current owner"
      : "Groups are the org unit of the customer's current owner";
  return [
    `Inquiries received from ${input.from} 00:00 (inclusive) to ${input.to} 00:00 (exclusive), ${input.timezone} time, of the customers in your data scope.`,
    "An inquiry's response time is the minutes from its receivedAt to the customer's first follow-up, by anyone, with occurredAt at or after receivedAt.",
    'The median and p90 are nearest-rank percentiles over the responded inquiries, rounded to 2 places.',
    `Within target means a response time of at most ${input.targetMinutes} minutes (setting firstResponseTargetMinutes); the share counts the responded inquiries plus the unanswered ones already older than the target now, and leaves out the unanswered ones still younger than it.`,
    `${group}; customers in the public pool form the group with key null, named ${'公海'}.`,
  ].join(' ');
}
