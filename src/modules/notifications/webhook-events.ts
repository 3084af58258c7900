/**
 * The webhook event catalogue: every event a subscription may name. One list,
 * exported, that later features extend with their own events (and document in
 * docs/notifications.md). A subscription to an event not listed gets 400.
 *
 * - `notification.created`: a notification landed in a user's inbox
 *   (NotificationsService.notify), one delivery per notification.
 * - `alert.triggered`: an alert rule found a unit in breach (API.md §8).
 * - `funnel_anomaly.flagged`: the weekly funnel-anomaly job flagged a week.
 */
export const WEBHOOK_EVENTS = [
  'notification.created',
  'alert.triggered',
  'funnel_anomaly.flagged',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Chinese names of the events, for the WeCom robot message's heading. */
export const WEBHOOK_EVENT_NAMES: Record<WebhookEvent, string> = {
  'notification.created': '新通知',
  'alert.triggered': '预警触发',
  'funnel_anomaly.flagged': '漏斗异常',
};
