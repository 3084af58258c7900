import { Module } from '@nestjs/common';
import { ErpConnectionsModule } from './connections/erp-connections.module';
import { ErpSyncController } from './erp-sync.controller';
import { ErpSyncDispatcher } from './erp-sync.dispatcher';
import { ErpSyncRepository } from './erp-sync.repository';
import { ErpSyncService } from './erp-sync.service';

/** The way of signed contracts into the ERP: the outbox, its dispatcher and its routes. */
@Module({
  imports: [ErpConnectionsModule],
  controllers: [ErpSyncController],
  providers: [ErpSyncService, ErpSyncRepository, ErpSyncDispatcher],
  // Re-exported: whoever imports ErpSyncModule can inject ErpAdapterSource.
  exports: [ErpSyncService, ErpConnectionsModule],
})
export class ErpSyncModule {}
