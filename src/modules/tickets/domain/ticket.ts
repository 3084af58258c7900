/** What a customer comes about (API.md §9). */
export const TICKET_KINDS = ['complaint', 'reorder', 'question'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** The longest subject and content a ticket takes, and the longest reply. */
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_CONTENT_LENGTH = 5000;
export const MAX_REPLY_LENGTH = 5000;
