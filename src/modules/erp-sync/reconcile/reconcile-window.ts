import { FieldError, InvalidInputException } from '../../../core/errors/domain.exception';
import { parseOffsetTime } from '../../../core/http/timestamps';
import { reconcileMessages } from './reconcile.exception';

/**
 * The longest window one reconciliation covers: a quarter. Every contract in
 * it is looked up in the ERP while the client waits, so the window is bounded.
 */
export const MAX_WINDOW_DAYS = 93;
const DAY_MS = 24 * 60 * 60 * 1000;

/** [from, to) as instants; the DTO has checked that both are times with an offset. */
export function reconcileWindow(from: string, to: string): { from: Date; to: Date } {
  const start = parseOffsetTime(from)!;
  const end = parseOffsetTime(to)!;
  const error = windowError(start, end);
  if (error) throw new InvalidInputException([error], reconcileMessages.invalidWindow);
  return { from: new Date(start), to: new Date(end) };
}

export function windowError(from: number, to: number): FieldError | undefined {
  if (to <= from) return { field: 'to', message: reconcileMessages.toAfterFrom };
  if (to - from > MAX_WINDOW_DAYS * DAY_MS) {
    return { field: 'to', message: reconcileMessages.windowTooLong(MAX_WINDOW_DAYS) };
  }
  return undefined;
}
