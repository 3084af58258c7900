import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const NotificationErrorCode = {
  WEBHOOK_SECRET_UNREADABLE: 'WEBHOOK_SECRET_UNREADABLE',
} as const;

/** The notifications module's messages, in English and Chinese. */
export const notificationMessages = catalogue({
  notification: { en: 'Notification', zh: '通知' },
  webhook: { en: 'Webhook', zh: 'Webhook 订阅' },
  urlScheme: {
    en: 'url must be an http or https URL without user name or password',
    zh: 'url 必须是 http 或 https 地址，且不含用户名和密码',
  },
  secretUnreadable: {
    en: 'The webhook secret no longer opens (the server secret changed); delete the webhook and subscribe again',
    zh: 'Webhook 密钥已无法解密（服务器密钥已更换），请删除该订阅后重新创建',
  },
});

/**
 * A sealed secret that no longer opens: the secret it was sealed under
 * changed. Not an HTTP answer: the dispatcher marks the delivery failed with
 * this message, since no retry can fix it.
 */
export class WebhookSecretUnreadableException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      NotificationErrorCode.WEBHOOK_SECRET_UNREADABLE,
      notificationMessages.secretUnreadable,
    );
  }
}
