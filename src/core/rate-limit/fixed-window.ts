/**
 * Fixed-window counting in the rate_limit_counters table, shared by every
 * replica. `$2` is the window length in seconds: this is the current window's start.
 */
export const WINDOW_START_SQL = `to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`;

/**
 * Seconds until the current window ($2 long) ends and every count in it
 * starts again: windows are aligned, so this holds for every bucket.
 */
export const RESET_SQL = `ceil(extract(epoch FROM ${WINDOW_START_SQL} + make_interval(secs => $2) - now()))::int`;

/** Each bucket of $1 with its hits in the current window (0 without a row), and RESET_SQL. */
export const CURRENT_HITS_SQL = `SELECT b.bucket, coalesce(r.hits, 0) AS hits, ${RESET_SQL} AS "resetSeconds"
  FROM unnest($1::text[]) AS b(bucket)
  LEFT JOIN rate_limit_counters r ON r.bucket = b.bucket AND r.window_start = ${WINDOW_START_SQL}`;
