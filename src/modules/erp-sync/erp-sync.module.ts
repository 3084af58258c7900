import { Module } from '@nestjs/common';
import { ErpSyncRepository } from './erp-sync.repository';
import { ErpSyncService } from './erp-sync.service';

/** The way of signed contracts into the ERP: the outbox, and (to come) its dispatcher. */
@Module({
  providers: [ErpSyncService, ErpSyncRepository],
  exports: [ErpSyncService],
})
export class ErpSyncModule {}
