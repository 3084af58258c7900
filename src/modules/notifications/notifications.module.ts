import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessTokenSecret } from '../../core/auth/access-token-key';
import { AppConfig } from '../../core/config/app-config';
import { CredentialCipher } from '../erp-sync/connections/credential-cipher';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * The in-app inbox and signed webhooks (API.md §8). Other modules import it
 * and call NotificationsService.notify / publish in their own transaction.
 */
@Module({
  controllers: [NotificationsController, WebhooksController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    WebhooksService,
    WebhooksRepository,
    WebhookDispatcher,
    {
      // Webhook secrets are sealed as ERP credentials are: same cipher, same key.
      provide: CredentialCipher,
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) =>
        new CredentialCipher(config.erpSecret ?? (await accessTokenSecret(config, dataSource))),
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
