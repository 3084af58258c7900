import { CronExpressionParser } from 'cron-parser';

/** Minute, hour, day of month, month, day of week: the classic crontab, without seconds. */
const CRON_FIELDS = 5;

/** Whether `cron` is a five-field expression that cron-parser accepts. */
export function isFiveFieldCron(cron: string): boolean {
  if (cron.trim().split(/\s+/).length !== CRON_FIELDS) return false;
  try {
    CronExpressionParser.parse(cron, { strict: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first time strictly after `after` at which `cron` fires on the wall
 * clock of `timezone`: `0 17 * * 5` in Asia/Shanghai is Friday 09:00Z.
 */
export function nextRunAfter(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { tz: timezone, currentDate: after }).next().toDate();
}
