import { wallClockDay } from '../../../core/time/wall-clock';
const DAY_MS = 86_400_000;

export interface RuleWindows {
  /** The window before: [previousStart, currentStart). */
  previousStart: Date;
  /** The current window, the last `windowDays` days: [currentStart, end). */
  currentStart: Date;
  end: Date;
  /**
   * Which `windowDays`-long period of the organisation's calendar `end` falls
   * in: floor(days since 1970-01-01 in `timeZone` / windowDays). A rule makes
   * at most one todo per customer and period, however often it is evaluated.
   */
  period: number;
}

/** The two rolling windows a rule compares at `now`, and the calendar period that names them. */
export function ruleWindows(now: Date, windowDays: number, timeZone: string): RuleWindows {
  const length = windowDays * DAY_MS;
  return {
    previousStart: new Date(now.getTime() - 2 * length),
    currentStart: new Date(now.getTime() - length),
    end: now,
    period: Math.floor(localEpochDay(now, timeZone) / windowDays),
  };
}

/** Days from 1970-01-01 to the date `instant` has on a wall calendar in `timeZone`. */
export function localEpochDay(instant: Date, timeZone: string): number {
  return Date.parse(`${wallClockDay(instant, timeZone)}T00:00:00Z`) / DAY_MS;
}
