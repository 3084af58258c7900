import { Module } from '@nestjs/common';
import { ErpAdapterSource } from '../erp-adapter-source';
import { NoActiveErp } from './no-active-erp';
import { ReconcileController } from './reconcile.controller';
import { ReconcileRepository } from './reconcile.repository';
import { ReconcileService } from './reconcile.service';

/** `GET /erp/reconcile`: contracts against the active ERP's orders. */
@Module({
  controllers: [ReconcileController],
  // TODO(merge erp-conn): import the ERP connections' module for ErpAdapterSource instead.
  providers: [
    ReconcileService,
    ReconcileRepository,
    { provide: ErpAdapterSource, useClass: NoActiveErp },
  ],
})
export class ErpReconcileModule {}
