import { Module } from '@nestjs/common';
import { ErpConnectionsModule } from '../connections/erp-connections.module';
import { ReconcileController } from './reconcile.controller';
import { ReconcileRepository } from './reconcile.repository';
import { ReconcileService } from './reconcile.service';

/** `GET /erp/reconcile`: contracts against the active ERP's orders. */
@Module({
  imports: [ErpConnectionsModule],
  controllers: [ReconcileController],
  providers: [ReconcileService, ReconcileRepository],
})
export class ErpReconcileModule {}
