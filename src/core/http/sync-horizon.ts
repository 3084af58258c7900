import type { TransactionHost } from '../database/transaction-host';

/**
 * Slack for the server's clock being set back (an NTP step) between a write
 * and a sync's read; the order of events below needs none otherwise.
 */
const MARGIN_SECONDS = 1;

/**
 * The sync horizon: a time before which every row of a synced table has its
 * final `updated_at`, so that an `updatedSince` page never runs ahead of a
 * write still in progress. Null when no such time can be known (see below):
 * the page is then empty, and the sync comes back later.
 *
 * The trap: a row is stamped while its transaction runs, but others see it
 * only once it commits. A transaction that stamps a row, then commits after a
 * sync has read a page with later rows (an import runs for minutes), would
 * leave that row behind the sync's last `updatedAt`, lost for good.
 *
 * So every write goes through the trigger `stamp_updated_at` (see the
 * migration AddSyncColumns), which first takes a transaction id, then stamps
 * the row with clock_timestamp(). A transaction id shows in pg_stat_activity
 * (`backend_xid`) from the moment it is taken until the transaction ends.
 * Hence the horizon, read here in a statement of its own before the list's
 * query takes its snapshot:
 *   - every transaction that has stamped a row and is still open shows a
 *     `backend_xid`; its rows are stamped at or after its `xact_start`, so
 *     the horizon stays before the oldest such start;
 *   - a transaction that stamps a row later stamps it after this statement
 *     began (`now()`), so the horizon stays before that too;
 *   - every other row was stamped by a transaction that had ended when this
 *     statement read pg_stat_activity, so the list's query sees it.
 *
 * Why not pg_current_snapshot() alone: it does list the open transaction ids,
 * for any role, but says nothing of when they began, and PostgreSQL keeps no
 * map from transaction id to time (commit timestamps need
 * track_commit_timestamp, off by default and set only by a server restart).
 * Why not the oldest `xact_start` of every open transaction, as before: a
 * transaction that only reads (a report, pg_dump, an idle session) would
 * hold syncs back too; stamping by write time lets only writers count.
 *
 * A role sees `xact_start` only of its own sessions (or with pg_read_all_stats),
 * but every session's `backend_xid`. A transaction that writes to this
 * database under another role (an operator's psql) therefore shows a
 * `backend_xid` without a start: the horizon is then unknown, and null until
 * it ends. The same holds when track_activities is off. The app's own
 * sessions, on every replica, share its role and never stall a sync.
 */
export async function readSyncHorizon(db: Pick<TransactionHost, 'query'>): Promise<Date | null> {
  const [{ horizon }] = await db.query<{ horizon: Date | null }>(
    `SELECT CASE WHEN bool_or(xact_start IS NULL) THEN NULL
       ELSE date_trunc('milliseconds', least(now(), min(xact_start))) - make_interval(secs => $1)
       END AS horizon
     FROM pg_stat_activity
     WHERE datname = current_database() AND backend_xid IS NOT NULL`,
    [MARGIN_SECONDS],
  );
  return horizon;
}
