/**
 * ISO-8601 weeks (API.md §0): a week runs Monday 00:00 to the next Monday
 * 00:00 in the organisation's time zone and is named `YYYY-Www`, where the
 * year is the ISO week-numbering year (the one holding the week's Thursday).
 * Pure calendar arithmetic on `YYYY-MM-DD` days, in UTC, with no zone: the
 * database turns a day into instants in the organisation's zone.
 */

import { wallClockDay } from '../../../core/time/wall-clock';

const WEEK_NAME = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** A week: its name and its days, `from` (a Monday) inclusive and `to` (the next Monday) exclusive. */
export interface IsoWeek {
  week: string;
  from: string;
  to: string;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the Monday of ISO week 1 of `year`: the week holding 4 January. */
function firstMondayMs(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * DAY_MS;
}

/** 52 or 53: a year has 53 ISO weeks iff 28 December falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return (Date.UTC(year, 11, 28) - firstMondayMs(year)) / DAY_MS >= 52 * 7 ? 53 : 52;
}

/** The week a `YYYY-Www` name denotes, or null when the name is malformed or the week does not exist. */
export function parseIsoWeek(name: string): IsoWeek | null {
  const match = WEEK_NAME.exec(name);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (year < 1 || week < 1 || week > isoWeeksInYear(year)) return null;
  const monday = firstMondayMs(year) + (week - 1) * 7 * DAY_MS;
  return { week: name, from: day(monday), to: day(monday + 7 * DAY_MS) };
}

/** The ISO week holding a calendar day `YYYY-MM-DD`. */
export function isoWeekOf(date: string): IsoWeek {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday - firstMondayMs(year)) / (7 * DAY_MS)) + 1;
  const name = `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
  return { week: name, from: day(monday), to: day(monday + 7 * DAY_MS) };
}

/** The `count` weeks before `week`, oldest first. */
export function weeksBefore(week: IsoWeek, count: number): IsoWeek[] {
  const monday = Date.parse(`${week.from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => isoWeekOf(day(monday - (count - i) * 7 * DAY_MS)));
}

/** The last week that has ended at `instant` in `timeZone`: what a weekly job evaluates. */
export function lastCompleteWeek(instant: Date, timeZone: string): IsoWeek {
  const [previous] = weeksBefore(isoWeekOf(wallClockDay(instant, timeZone)), 1);
  return previous;
}
