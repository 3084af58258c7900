import { IsoWeek, isoWeekOf } from './iso-week';
import { MetricRange } from '../metric-range';

/**
 * Every ISO week that overlaps the half-open range of days [from, to), oldest
 * first: the first is the week holding `from`, the last the one holding the
 * day before `to`. Weeks are whole, so the first may start before `from` and
 * the last end after `to` (a bucket always counts its whole week).
 */
export function weeksOverlapping({ from, to }: MetricRange): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let week = isoWeekOf(from); week.from < to; week = isoWeekOf(week.to)) weeks.push(week);
  return weeks;
}

/** The ISO weeks that start (their Monday) in [from, to), oldest first. */
export function weeksStartingIn(range: MetricRange): IsoWeek[] {
  return weeksOverlapping(range).filter((week) => week.from >= range.from);
}
