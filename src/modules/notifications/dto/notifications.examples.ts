import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { NotificationPage, NotificationResponse, ReadAllResponse } from './notification.dto';
import {
  CreateWebhookDto,
  WebhookDeliveryPage,
  WebhookPage,
  WebhookResponse,
  WebhookRunResponse,
} from './webhook.dto';

const NOTIFICATION_ID = '2c4e6a8b-0d2f-4c6e-8a0b-2d4f6a8c0e2f';
const WEBHOOK_ID = '3d5f7b9c-1e3a-4d7f-9b1c-3e5a7b9d1f3a';
const DELIVERY_ID = '4e6a8c0d-2f4b-4e8a-8c2d-4f6b8c0e2a4b';

/** A cc of an alert rule to 李娜 (the supervisor), unread. */
export const NOTIFICATION_EXAMPLE: NotificationResponse = {
  id: NOTIFICATION_ID,
  userId: EXAMPLE_IDS.supervisor,
  type: 'alert_cc',
  title: '杭州一组本周复购率 12.50%，低于预警线 20%',
  payload: {
    ruleName: '门店复购率预警',
    orgUnitId: EXAMPLE_IDS.team,
    week: '2026-W49',
    ratePct: 12.5,
    threshold: 20,
  },
  readAt: null,
  createdAt: '2026-12-06T02:30:00.000Z',
  updatedAt: '2026-12-06T02:30:00.000Z',
  version: 1,
};

export const NOTIFICATION_PAGE_EXAMPLE: NotificationPage = {
  items: [NOTIFICATION_EXAMPLE],
  nextCursor: null,
};

export const READ_NOTIFICATION_EXAMPLE: NotificationResponse = {
  ...NOTIFICATION_EXAMPLE,
  readAt: '2026-12-06T03:05:00.000Z',
  updatedAt: '2026-12-06T03:05:00.000Z',
  version: 2,
};

export const READ_ALL_EXAMPLE: ReadAllResponse = { updated: 3 };

export const CREATE_WEBHOOK_EXAMPLE: CreateWebhookDto = {
  url: 'https://hooks.example.com/sales',
  events: ['notification.created', 'alert.triggered'],
  secret: 'whsec_6f1c2a9b8e7d4c3b',
  format: 'json',
};

export const WEBHOOK_EXAMPLE: WebhookResponse = {
  id: WEBHOOK_ID,
  url: 'https://hooks.example.com/sales',
  events: ['notification.created', 'alert.triggered'],
  format: 'json',
  active: true,
  createdBy: EXAMPLE_IDS.admin,
  createdAt: '2026-12-06T02:30:00.000Z',
  updatedAt: '2026-12-06T02:30:00.000Z',
  version: 1,
};

export const WEBHOOK_PAGE_EXAMPLE: WebhookPage = { items: [WEBHOOK_EXAMPLE], nextCursor: null };

/** Delivered at the second attempt: the receiver answered 503 first. */
export const WEBHOOK_DELIVERY_PAGE_EXAMPLE: WebhookDeliveryPage = {
  items: [
    {
      id: DELIVERY_ID,
      webhookId: WEBHOOK_ID,
      event: 'notification.created',
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      deliveredAt: '2026-12-06T02:30:25.000Z',
      createdAt: '2026-12-06T02:30:00.000Z',
      updatedAt: '2026-12-06T02:30:25.000Z',
    },
  ],
  nextCursor: null,
};

export const WEBHOOK_RUN_EXAMPLE: WebhookRunResponse = {
  processed: 3,
  delivered: 2,
  failed: 0,
  retrying: 1,
  dead: 0,
};
