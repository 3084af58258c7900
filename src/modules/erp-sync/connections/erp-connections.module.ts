import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessTokenSecret } from '../../../core/auth/access-token-key';
import { AppConfig } from '../../../core/config/app-config';
import { ErpAdapterSource } from '../erp-adapter-source';
import { ConnectionAdapterSource } from './connection-adapter-source';
import { CredentialCipher } from './credential-cipher';
import { ErpConnectionsController } from './erp-connections.controller';
import { ErpConnectionsDemoSeeder } from './erp-connections.demo-seeder';
import { ErpConnectionsRepository } from './erp-connections.repository';
import { ErpConnectionsService } from './erp-connections.service';

/** The ERP connections, and the adapters built from them for the dispatcher, the stock pull and the reconciliation. */
@Module({
  controllers: [ErpConnectionsController],
  providers: [
    ErpConnectionsService,
    ErpConnectionsRepository,
    ErpConnectionsDemoSeeder,
    {
      provide: CredentialCipher,
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) =>
        new CredentialCipher(config.erpSecret ?? (await accessTokenSecret(config, dataSource))),
    },
    { provide: ErpAdapterSource, useClass: ConnectionAdapterSource },
  ],
  exports: [ErpAdapterSource],
})
export class ErpConnectionsModule {}
