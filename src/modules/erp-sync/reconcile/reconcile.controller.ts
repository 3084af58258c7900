import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../core/auth/access.decorators';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { ReconcileQueryDto, ReconcileReport } from './dto/reconcile.dto';
import { RECONCILE_EXAMPLE } from './dto/reconcile.examples';
import { ReconcileService } from './reconcile.service';

/**
 * Who reconciles: admins, who run the ERP connections, and finance, who
 * answers for the ERP's books. Both see every contract (data scope: all).
 */
const RECONCILERS = ['admin', 'finance_bp'] as const;

@ApiTags('erp')
@Controller('erp')
export class ReconcileController {
  constructor(private readonly reconciliation: ReconcileService) {}

  /**
   * Compare the contracts signed in a window with the active ERP's orders by number, and list the drift
   *
   * No active connection: 422 ERP_NOT_CONFIGURED; its credentials unreadable:
   * 422 ERP_CREDENTIALS_UNREADABLE. The ERP unreachable (network, timeout,
   * 5xx): 502 ERP_UNREACHABLE; refusing the login or the query: 502 ERP_REFUSED.
   */
  @Get('reconcile')
  @Roles(...RECONCILERS)
  @ApiProblems(422, 502)
  @ApiExamples({ response: RECONCILE_EXAMPLE })
  reconcile(@Query() query: ReconcileQueryDto): Promise<ReconcileReport> {
    return this.reconciliation.reconcile(query);
  }
}
