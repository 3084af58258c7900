/**
 * What a wall clock in a time zone shows at an instant: the organisation's
 * day (for weeks, periods and years) and minute (for printed times). One
 * place, so that every module reads the calendar the same way.
 */

/** The calendar day `YYYY-MM-DD` of `instant` in `timeZone`. */
export function wallClockDay(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
}

/** The minute of `instant` in `timeZone`, as `2026-12-06 10:30` (24-hour). */
export function wallClockMinute(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
