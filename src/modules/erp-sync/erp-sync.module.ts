import { Module } from '@nestjs/common';
import { ErpConnectionsModule } from './connections/erp-connections.module';
import { ErpSyncRepository } from './erp-sync.repository';
import { ErpSyncService } from './erp-sync.service';

/** The way of signed contracts into the ERP: the outbox, and (to come) its dispatcher. */
@Module({
  imports: [ErpConnectionsModule],
  providers: [ErpSyncService, ErpSyncRepository],
  // Re-exported: whoever imports ErpSyncModule can inject ErpAdapterSource.
  exports: [ErpSyncService, ErpConnectionsModule],
})
export class ErpSyncModule {}
