import { Module } from '@nestjs/common';
import { ErpSyncController } from './erp-sync.controller';
import { ErpSyncDispatcher } from './erp-sync.dispatcher';
import { ErpSyncRepository } from './erp-sync.repository';
import { ErpSyncService } from './erp-sync.service';

/** The way of signed contracts into the ERP: the outbox, its dispatcher and its routes. */
@Module({
  controllers: [ErpSyncController],
  providers: [ErpSyncService, ErpSyncRepository, ErpSyncDispatcher],
  exports: [ErpSyncService],
})
export class ErpSyncModule {}
