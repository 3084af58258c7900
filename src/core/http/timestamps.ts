import { ValidateBy, ValidationOptions } from 'class-validator';

/** ISO-8601 date-time with a mandatory offset (`Z` or `+08:00`); seconds and fraction optional. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * Epoch milliseconds of an ISO-8601 date-time with an offset, or undefined.
 * A time without an offset is refused, not read as UTC (eight hours off for
 * our users), and so are days that do not exist (Feb 30) and year 0000,
 * which PostgreSQL does not accept.
 */
export function parseOffsetTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_WITH_OFFSET.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return undefined;
  // Date.parse rolls 02-30 over to 03-02; only days past the 28th need checking.
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** An ISO-8601 date-time without an offset: a wall-clock time, which we never guess the zone of. */
const ISO_WITHOUT_OFFSET =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?$/;

/** UTC+14 (Kiribati) is where a wall-clock time happens first. */
const LARGEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * Whether a time is later than `latest` however it is read: with its own
 * offset, or, for a time without one, even where that wall-clock time comes
 * first. Such a time is wrong for two reasons, and the client hears the one
 * that matters ("must not be in the future"), not a request for an offset.
 */
export function isSurelyAfter(value: unknown, latest: number): boolean {
  const time = parseOffsetTime(value);
  if (time !== undefined) return time > latest;
  if (typeof value !== 'string' || !ISO_WITHOUT_OFFSET.test(value)) return false;
  const earliest = Date.parse(`${value}Z`) - LARGEST_OFFSET_MS;
  return earliest > latest;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A DTO property holding a time: ISO-8601 with an offset (see parseOffsetTime). */
export const IsTimestamp = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value) => parseOffsetTime(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property} must be an ISO-8601 date-time with an offset, e.g. 2026-12-06T10:30:00+08:00`,
      },
    },
    options,
  );

/** How far ahead of our clock a client's "now" may be (`NotInFuture`): 5 minutes of drift. */
export const CLOCK_DRIFT_MS = 5 * 60 * 1000;

/**
 * A time that must not lie in the future, beyond `toleranceMs` of clock drift.
 * Ranked before IsTimestamp, so a future time without an offset is told it
 * is in the future.
 */
export const NotInFuture = (toleranceMs: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'notInFuture',
      constraints: [toleranceMs],
      validator: {
        validate: (value) => !isSurelyAfter(value, Date.now() + toleranceMs),
        defaultMessage: (args) => `${args?.property} must not be in the future`,
      },
    },
    options,
  );

/** An instant as every answer gives it, payloads included: UTC with milliseconds (`…:00.000Z`). */
export function utcTime(value: string | Date): string {
  return new Date(value).toISOString();
}

/**
 * A JSON value the system wrote (a todo's payload), with every time in it given
 * as utcTime. Not for what clients wrote, such as custom fields: their text is theirs.
 */
export function utcTimesIn(value: unknown): unknown {
  if (typeof value === 'string')
    return parseOffsetTime(value) === undefined ? value : utcTime(value);
  if (Array.isArray(value)) return value.map(utcTimesIn);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, utcTimesIn(item)]));
}

const CALENDAR_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a value is a calendar date `YYYY-MM-DD` that exists (no Feb 30, no year 0000). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && day <= daysInMonth(year, month);
}

/** A DTO property holding a calendar date, `YYYY-MM-DD`: a day with no time and no zone. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) => `${args?.property} must be a calendar date, e.g. 2026-12-31`,
      },
    },
    options,
  );
