import { InvalidInputException } from '../../core/errors/domain.exception';
import { textSettingSql } from '../../core/settings/settings-sql';
import { metricMessages } from './metrics.exception';

/** The longest range a metric answers: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** A half-open range of days, `from` inclusive and `to` exclusive, both `YYYY-MM-DD`. */
export interface MetricRange {
  from: string;
  to: string;
}

/** The range, or 400 naming `to` when it does not come after `from` or spans too long. */
export function checkedRange({ from, to }: MetricRange): MetricRange {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days <= 0)
    throw new InvalidInputException([{ field: 'to', message: metricMessages.toNotAfterFrom }]);
  if (days > MAX_RANGE_DAYS) {
    throw new InvalidInputException([
      { field: 'to', message: metricMessages.rangeTooLong(MAX_RANGE_DAYS) },
    ]);
  }
  return { from, to };
}

/**
 * The instant a day starts in the organisation's time zone, as SQL over a
 * `YYYY-MM-DD` parameter: `2026-12-07` in Asia/Shanghai is 2026-12-06T16:00Z.
 * Metrics compare stored timestamptz against these bounds, so an index on
 * the timestamp serves the range.
 */
export function orgDayStartSql(dayParam: string): string {
  return `((${dayParam})::date::timestamp AT TIME ZONE ${textSettingSql('timezone')})`;
}

/** The calendar day, in the organisation's time zone, of a timestamptz SQL expression. */
export function orgDaySql(timestamp: string): string {
  return `((${timestamp}) AT TIME ZONE ${textSettingSql('timezone')})::date`;
}
