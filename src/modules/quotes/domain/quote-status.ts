/**
 * The quote state machine (API.md §5, §6): one transition table, with guards,
 * enforced here and nowhere else. Services ask `nextStatus` and write the
 * answer with a guarded UPDATE; a refusal becomes 409 ILLEGAL_TRANSITION.
 */
export const QUOTE_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'won',
  'lost',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** What happens to a quote, with the facts its guards need. */
export type QuoteEvent =
  /** PATCH: a new version; a pending or approved quote loses its approval. */
  | { type: 'edit' }
  | { type: 'submit'; approvalRequired: boolean }
  /** One step approved; only the last one approves the quote. */
  | { type: 'approve'; lastStep: boolean }
  | { type: 'reject' }
  /** A contract was made from the quote. */
  | { type: 'win' }
  | { type: 'lose' }
  /** Its customer went back to the pool: a quote with no owner cannot wait for approval. */
  | { type: 'withdraw' };
export type QuoteEventType = QuoteEvent['type'];

type EventOf<T extends QuoteEventType> = Extract<QuoteEvent, { type: T }>;

interface Transition<T extends QuoteEventType> {
  from: readonly QuoteStatus[];
  to: QuoteStatus;
  /** Absent: the transition always applies from `from`. */
  when?: (event: EventOf<T>) => boolean;
}

/**
 * For each event, the transitions in order; the first whose `from` holds the
 * current status and whose guard passes wins. A rejected quote may be edited
 * back to draft and resubmitted; a won or lost quote is final.
 */
const TRANSITIONS: { [T in QuoteEventType]: readonly Transition<T>[] } = {
  edit: [{ from: ['draft', 'pending_approval', 'approved', 'rejected'], to: 'draft' }],
  submit: [
    { from: ['draft'], to: 'pending_approval', when: (e) => e.approvalRequired },
    { from: ['draft'], to: 'approved', when: (e) => !e.approvalRequired },
  ],
  approve: [
    { from: ['pending_approval'], to: 'approved', when: (e) => e.lastStep },
    { from: ['pending_approval'], to: 'pending_approval', when: (e) => !e.lastStep },
  ],
  reject: [{ from: ['pending_approval'], to: 'rejected' }],
  win: [{ from: ['approved'], to: 'won' }],
  lose: [{ from: ['draft', 'pending_approval', 'approved', 'rejected'], to: 'lost' }],
  withdraw: [{ from: ['pending_approval'], to: 'draft' }],
};

export type TransitionResult =
  { ok: true; status: QuoteStatus } | { ok: false; current: QuoteStatus; event: QuoteEventType };

/** The status after `event`, or a refusal that names the current status. */
export function nextStatus(current: QuoteStatus, event: QuoteEvent): TransitionResult {
  const row = applicableTransition(current, event);
  return row ? { ok: true, status: row.to } : { ok: false, current, event: event.type };
}

/**
 * The one transition of an event that has a single unguarded row (e.g. `win`:
 * approved → won), for a guarded UPDATE that moves and reads a quote in one
 * statement. Undefined for events whose outcome depends on their facts.
 */
export function fixedTransition(
  type: QuoteEventType,
): { from: readonly QuoteStatus[]; to: QuoteStatus } | undefined {
  const rows = TRANSITIONS[type] as readonly Transition<QuoteEventType>[];
  return rows.length === 1 && !rows[0].when ? { from: rows[0].from, to: rows[0].to } : undefined;
}

/** Generic in the event type, so that the table's row for it takes this very event. */
function applicableTransition<T extends QuoteEventType>(
  current: QuoteStatus,
  event: EventOf<T>,
): Transition<T> | undefined {
  const rows: readonly Transition<T>[] = TRANSITIONS[event.type];
  return rows.find((t) => t.from.includes(current) && (t.when?.(event) ?? true));
}
