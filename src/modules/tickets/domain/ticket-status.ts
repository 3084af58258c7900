/**
 * The ticket state machine (docs/tickets.md): one transition table, enforced
 * here and nowhere else. `open → in_progress → resolved → closed`, and a
 * resolved ticket may be reopened (`resolved → in_progress`); closed is final.
 */
export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

/** Whether a PATCH may move a ticket from `from` to `to`; staying where it is always may. */
export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** The statuses a ticket in `from` may be moved to, for the refusal's message. */
export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

/**
 * The status after a staff reply: the first answer starts the work on an open
 * ticket; any other status stays as it is. Closed tickets take no replies.
 */
export function statusAfterStaffReply(current: TicketStatus): TicketStatus {
  return current === 'open' ? 'in_progress' : current;
}

/** Statuses still being worked on: their first response is awaited, and they follow their customer. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress'];
