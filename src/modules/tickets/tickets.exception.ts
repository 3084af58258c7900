import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';
import { TicketStatus } from './domain/ticket-status';

export const TicketErrorCode = {
  TICKET_STATUS_TRANSITION: 'TICKET_STATUS_TRANSITION',
  TICKET_CLOSED: 'TICKET_CLOSED',
  INVALID_ASSIGNEE: 'INVALID_ASSIGNEE',
} as const;

const STATUS_NAMES: Record<TicketStatus, string> = {
  open: '待处理',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
};

const listed = (statuses: readonly TicketStatus[], names: (status: TicketStatus) => string) =>
  statuses.map(names).join(', ');

/** The tickets' messages (API.md §9), in English and Chinese. */
export const ticketMessages = catalogue({
  ticket: { en: 'Ticket', zh: '工单' },
  reply: { en: 'Ticket reply', zh: '工单回复' },
  customer: { en: 'Customer', zh: '客户' },
  illegalTransition: (from: TicketStatus, to: TicketStatus, allowed: readonly TicketStatus[]) => ({
    en: allowed.length
      ? `A ${from} ticket cannot move to ${to}; it may move to ${listed(allowed, (s) => s)}`
      : `A ${from} ticket cannot move to ${to}; it is final`,
    zh: allowed.length
      ? `${STATUS_NAMES[from]}的工单不能改为${STATUS_NAMES[to]}，只能改为：${listed(allowed, (s) => STATUS_NAMES[s])}`
      : `${STATUS_NAMES[from]}的工单不能改为${STATUS_NAMES[to]}，该状态为最终状态`,
  }),
  notNext: { en: 'is not a next status of the ticket', zh: '不是该工单可进入的下一状态' },
  closed: {
    en: 'The ticket is closed and takes no more replies',
    zh: '工单已关闭，不能再回复',
  },
  invalidAssignee: {
    en: 'The assignee must be an active user who can see the ticket’s customer',
    zh: '处理人必须是能看到该客户的在职用户',
  },
  notAssignable: {
    en: 'is not an active user who can see the customer',
    zh: '不是能看到该客户的在职用户',
  },
});

/** 422: the status flow (domain/ticket-status.ts) has no such move. */
export class TicketStatusTransitionException extends DomainException {
  constructor(from: TicketStatus, to: TicketStatus, allowed: readonly TicketStatus[]) {
    super(
      'unprocessable',
      TicketErrorCode.TICKET_STATUS_TRANSITION,
      ticketMessages.illegalTransition(from, to, allowed),
      {
        errors: [{ field: 'status', message: ticketMessages.notNext }],
        extensions: { currentStatus: from, allowedStatuses: allowed },
      },
    );
  }
}

/** 422: a closed ticket is final, its thread too. */
export class TicketClosedException extends DomainException {
  constructor() {
    super('unprocessable', TicketErrorCode.TICKET_CLOSED, ticketMessages.closed);
  }
}

/** 422: the new assignee is unknown, inactive, or cannot see the customer. */
export class InvalidAssigneeException extends DomainException {
  constructor() {
    super('unprocessable', TicketErrorCode.INVALID_ASSIGNEE, ticketMessages.invalidAssignee, {
      errors: [{ field: 'assigneeId', message: ticketMessages.notAssignable }],
    });
  }
}
