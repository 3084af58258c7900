import {
  canMove,
  nextStatuses,
  statusAfterStaffReply,
  TICKET_STATUSES,
  TicketStatus,
} from './ticket-status';

/** The documented flow, written out cell by cell: from (row) → to (column). */
const EXPECTED: Record<TicketStatus, Record<TicketStatus, boolean>> = {
  // prettier-ignore
  open:        { open: true,  in_progress: true,  resolved: false, closed: false },
  // prettier-ignore
  in_progress: { open: false, in_progress: true,  resolved: true,  closed: false },
  // prettier-ignore
  resolved:    { open: false, in_progress: true,  resolved: true,  closed: true },
  // prettier-ignore
  closed:      { open: false, in_progress: false, resolved: false, closed: true },
};

describe('canMove', () => {
  const cases = TICKET_STATUSES.flatMap((from) =>
    TICKET_STATUSES.map((to) => [from, to, EXPECTED[from][to]] as const),
  );

  it.each(cases)('%s → %s: %s', (from, to, expected) => {
    expect(canMove(from, to)).toBe(expected);
  });

  it('never leads back to open: a reopened ticket is in progress', () => {
    for (const from of TICKET_STATUSES) {
      if (from !== 'open') expect(canMove(from, 'open')).toBe(false);
    }
  });

  it('keeps closed final', () => {
    expect(nextStatuses('closed')).toEqual([]);
  });
});

describe('statusAfterStaffReply', () => {
  it('starts the work on an open ticket', () => {
    expect(statusAfterStaffReply('open')).toBe('in_progress');
  });

  it.each(['in_progress', 'resolved'] as const)('leaves a ticket %s as it is', (status) => {
    expect(statusAfterStaffReply(status)).toBe(status);
  });
});
