import { EXAMPLE_TIME } from '../../../core/openapi/api-formats';
import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  CreateTicketDto,
  CreateTicketReplyDto,
  TicketPage,
  TicketReplyPage,
  TicketReplyResponse,
  TicketResponse,
  TicketSlaRunResponse,
  UpdateTicketDto,
} from './ticket.dto';

/** 陈建国 of 杭州精工配件 calls about a damaged delivery. */
export const CREATE_TICKET_EXAMPLE: CreateTicketDto = {
  customerId: EXAMPLE_IDS.customer,
  kind: 'complaint',
  subject: '到货外箱破损，三箱轴承受潮',
  content: '昨天到货的 6205 轴承有三箱外箱破损，部分产品受潮生锈，要求换货并说明处理时间。',
};

export const TICKET_EXAMPLE: TicketResponse = {
  id: EXAMPLE_IDS.ticket,
  customerId: EXAMPLE_IDS.customer,
  assigneeId: EXAMPLE_IDS.rep,
  kind: 'complaint',
  subject: '到货外箱破损，三箱轴承受潮',
  content: '昨天到货的 6205 轴承有三箱外箱破损，部分产品受潮生锈，要求换货并说明处理时间。',
  status: 'open',
  firstResponseDueAt: '2026-12-06T06:30:00.000Z',
  firstRespondedAt: null,
  slaBreached: false,
  createdBy: EXAMPLE_IDS.rep,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  version: 1,
};

export const UPDATE_TICKET_EXAMPLE: UpdateTicketDto = { status: 'resolved' };

export const UPDATED_TICKET_EXAMPLE: TicketResponse = {
  ...TICKET_EXAMPLE,
  status: 'resolved',
  firstRespondedAt: '2026-12-06T03:05:00.000Z',
  updatedAt: '2026-12-06T08:00:00.000Z',
  version: 3,
};

export const TICKET_PAGE_EXAMPLE: TicketPage = { items: [TICKET_EXAMPLE], nextCursor: null };

export const CREATE_TICKET_REPLY_EXAMPLE: CreateTicketReplyDto = {
  body: '陈总您好，已安排今天下午补发三箱，破损的请拍照留存，物流会上门取回。',
};

export const TICKET_REPLY_EXAMPLE: TicketReplyResponse = {
  id: EXAMPLE_IDS.ticketReply,
  ticketId: EXAMPLE_IDS.ticket,
  authorId: EXAMPLE_IDS.rep,
  body: '陈总您好，已安排今天下午补发三箱，破损的请拍照留存，物流会上门取回。',
  createdAt: '2026-12-06T03:05:00.000Z',
};

export const TICKET_REPLY_PAGE_EXAMPLE: TicketReplyPage = {
  items: [TICKET_REPLY_EXAMPLE],
  nextCursor: null,
};

export const TICKET_SLA_RUN_EXAMPLE: TicketSlaRunResponse = { scanned: 37, created: 2 };
