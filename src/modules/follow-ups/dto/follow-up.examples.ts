import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CUSTOMER_EXAMPLE } from '../../customers/dto/customer.examples';
import { ConfirmationLinkResponse, ConfirmationResponse } from './confirmation.dto';
import { CustomerBriefResponse } from './customer-brief.dto';
import { CreateFollowUpDto, FollowUpPage, FollowUpResponse } from './follow-up.dto';
import { SilentPeriodRunResponse } from './silent-period.dto';

/** A visit as the rep's phone sends it: local times with their offset. */
export const CREATE_FOLLOW_UP_EXAMPLE: CreateFollowUpDto = {
  channel: 'visit',
  occurredAt: '2026-12-05T10:30:00+08:00',
  summary:
    '上门拜访采购部陈经理，客户认为报价比别家贵，希望账期改为月结，约定下周三视频演示竞品对比。',
  transcript: [
    { at: '2026-12-05T10:32:10+08:00', speaker: 'customer', text: '你们的价格比别家贵了不少。' },
    {
      at: '2026-12-05T10:33:05+08:00',
      speaker: 'rep',
      text: '批量采购可以再谈折扣，交期保证两周到货。',
    },
    { at: '2026-12-05T10:34:40+08:00', speaker: 'customer', text: '我们只接受月结，预付不行。' },
  ],
  deliverableIds: [EXAMPLE_IDS.attachment],
  nextTouchAt: '2026-12-09T14:00:00+08:00',
  stage: 'contacted',
};

/** The same visit as the API answers it: every time in UTC. */
export const FOLLOW_UP_EXAMPLE: FollowUpResponse = {
  id: EXAMPLE_IDS.followUp,
  customerId: EXAMPLE_IDS.customer,
  authorId: EXAMPLE_IDS.rep,
  channel: 'visit',
  occurredAt: '2026-12-05T02:30:00.000Z',
  summary:
    '上门拜访采购部陈经理，客户认为报价比别家贵，希望账期改为月结，约定下周三视频演示竞品对比。',
  transcript: [
    { at: '2026-12-05T02:32:10.000Z', speaker: 'customer', text: '你们的价格比别家贵了不少。' },
    {
      at: '2026-12-05T02:33:05.000Z',
      speaker: 'rep',
      text: '批量采购可以再谈折扣，交期保证两周到货。',
    },
    { at: '2026-12-05T02:34:40.000Z', speaker: 'customer', text: '我们只接受月结，预付不行。' },
  ],
  deliverableIds: [EXAMPLE_IDS.attachment],
  proofIds: [],
  nextTouchAt: '2026-12-09T06:00:00.000Z',
  stage: 'contacted',
  objections: [
    { category: 'price', quote: '你们的价格比别家贵了不少。' },
    { category: 'competitor', quote: '你们的价格比别家贵了不少。' },
    { category: 'payment', quote: '我们只接受月结，预付不行。' },
  ],
  customFields: {},
  confirmedAt: null,
  createdAt: '2026-12-05T02:41:17.000Z',
  updatedAt: '2026-12-05T02:41:17.000Z',
};

export const FOLLOW_UP_PAGE_EXAMPLE: FollowUpPage = {
  items: [FOLLOW_UP_EXAMPLE],
  nextCursor: null,
};

export const CUSTOMER_BRIEF_EXAMPLE: CustomerBriefResponse = {
  customer: CUSTOMER_EXAMPLE,
  tags: CUSTOMER_EXAMPLE.tags,
  lastInteractionAt: '2026-12-05T02:30:00.000Z',
  silentHours: 20,
  lastFollowUps: [FOLLOW_UP_EXAMPLE],
  openQuotes: [
    {
      id: EXAMPLE_IDS.quote,
      number: 'Q-2026-000123',
      version: 2,
      status: 'pending_approval',
      amount: '4776.00',
      amountWithTax: '5396.88',
      validUntil: '2026-12-31',
    },
  ],
  ytdPurchases: '0.00',
};

export const CONFIRMATION_LINK_EXAMPLE: ConfirmationLinkResponse = {
  token: 'q7Zr2xVb9KpL4mNcT8wYhE1sGdF6uJ3aR5oQ0iX2BnM',
  url: '/api/v1/public/confirmations/q7Zr2xVb9KpL4mNcT8wYhE1sGdF6uJ3aR5oQ0iX2BnM',
  expiresAt: '2026-12-12T02:45:00.000Z',
};

export const CONFIRMATION_EXAMPLE: ConfirmationResponse = {
  followUpId: EXAMPLE_IDS.followUp,
  confirmedAt: '2026-12-05T05:12:08.000Z',
};

export const SILENT_PERIOD_RUN_EXAMPLE: SilentPeriodRunResponse = { scanned: 1840, created: 6 };
