import {
  fixedTransition,
  nextStatus,
  QUOTE_STATUSES,
  QuoteEvent,
  QuoteStatus,
} from './quote-status';

const EVENTS: Record<string, QuoteEvent> = {
  edit: { type: 'edit' },
  'submit (approval needed)': { type: 'submit', approvalRequired: true },
  'submit (no approval needed)': { type: 'submit', approvalRequired: false },
  'approve (a middle step)': { type: 'approve', lastStep: false },
  'approve (the last step)': { type: 'approve', lastStep: true },
  reject: { type: 'reject' },
  win: { type: 'win' },
  lose: { type: 'lose' },
};

/** The contract's machine, written out cell by cell; '-' is a refusal. */
const EXPECTED: Record<string, Record<QuoteStatus, QuoteStatus | '-'>> = {
  // prettier-ignore
  edit:                          { draft: 'draft', pending_approval: 'draft', approved: 'draft', rejected: 'draft', won: '-', lost: '-' },
  // prettier-ignore
  'submit (approval needed)':    { draft: 'pending_approval', pending_approval: '-', approved: '-', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  'submit (no approval needed)': { draft: 'approved', pending_approval: '-', approved: '-', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  'approve (a middle step)':     { draft: '-', pending_approval: 'pending_approval', approved: '-', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  'approve (the last step)':     { draft: '-', pending_approval: 'approved', approved: '-', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  reject:                        { draft: '-', pending_approval: 'rejected', approved: '-', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  win:                           { draft: '-', pending_approval: '-', approved: 'won', rejected: '-', won: '-', lost: '-' },
  // prettier-ignore
  lose:                          { draft: 'lost', pending_approval: 'lost', approved: 'lost', rejected: 'lost', won: '-', lost: '-' },
};

describe('nextStatus', () => {
  const cases = Object.entries(EVENTS).flatMap(([name, event]) =>
    QUOTE_STATUSES.map((status) => [name, status, event, EXPECTED[name][status]] as const),
  );

  it.each(cases)('%s from %s', (_name, status, event, expected) => {
    const result = nextStatus(status, event);
    if (expected === '-') {
      expect(result).toEqual({ ok: false, current: status, event: event.type });
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it('keeps won and lost final: no event leaves them', () => {
    for (const status of ['won', 'lost'] as const) {
      for (const event of Object.values(EVENTS)) expect(nextStatus(status, event).ok).toBe(false);
    }
  });
});

describe('fixedTransition', () => {
  it('answers the one unguarded transition of an event, as nextStatus applies it', () => {
    expect(fixedTransition('win')).toEqual({ from: ['approved'], to: 'won' });
    expect(nextStatus('approved', { type: 'win' })).toEqual({ ok: true, status: 'won' });
  });

  it('has none for events whose outcome depends on their facts', () => {
    expect(fixedTransition('submit')).toBeUndefined();
    expect(fixedTransition('approve')).toBeUndefined();
  });
});
