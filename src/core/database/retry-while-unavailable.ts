import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from './database-errors';

export interface RetryOptions {
  /** Stop retrying (and rethrow) on shutdown. */
  signal?: AbortSignal;
  /** Give up after this long; what the write records is then someone else's job. */
  giveUpAfterMs: number;
  /** First pause between attempts, doubled each time up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `write` until it succeeds, retrying only while the database is
 * unavailable (see isDatabaseUnavailable), so that a fact the app already
 * knows, such as "this import failed", is recorded as soon as the database is
 * back rather than being lost. Any other error is thrown at once.
 */
export async function retryWhileUnavailable<T>(
  write: () => Promise<T>,
  { signal, giveUpAfterMs, firstDelayMs = 250, maxDelayMs = 2_000 }: RetryOptions,
): Promise<T> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await write();
    } catch (error) {
      const retry =
        isDatabaseUnavailable(error) && !signal?.aborted && Date.now() + delay < deadline;
      if (!retry) throw error;
    }
    await sleep(delay, undefined, { signal }).catch(() => undefined);
  }
}
