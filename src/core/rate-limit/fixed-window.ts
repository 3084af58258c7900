/**
 * Fixed-window counting in the rate_limit_counters table, shared by every
 * replica. `$2` is the window length in seconds: this is the current window's start.
 */
export const WINDOW_START_SQL = `to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`;

/** Seconds until the window that started at `window_start` ($2 long) ends. */
export const RETRY_AFTER_SQL = `ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int`;
