import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  ErpSyncJobPage,
  ErpSyncJobQueryDto,
  ErpSyncJobResponse,
  ErpSyncRunResponse,
} from './dto/erp-sync-job.dto';
import {
  ERP_SYNC_JOB_EXAMPLE,
  ERP_SYNC_JOB_PAGE_EXAMPLE,
  ERP_SYNC_RUN_EXAMPLE,
} from './dto/erp-sync-job.examples';
import { ErpSyncService } from './erp-sync.service';

/** Who watches and retries the ERP sync: admins, ERP integrators and finance. */
const SYNC_OPERATORS = ['admin', 'integrator', 'finance_bp'] as const;

@ApiTags('erp')
@Controller('erp/sync-jobs')
export class ErpSyncController {
  constructor(private readonly erpSync: ErpSyncService) {}

  /** List ERP sync jobs, the oldest first unless sorted otherwise; `status=failed,dead` shows what needs a person */
  @Get()
  @Roles(...SYNC_OPERATORS)
  @ApiExamples({ response: ERP_SYNC_JOB_PAGE_EXAMPLE })
  list(
    @Query() query: ErpSyncJobQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErpSyncJobPage> {
    return this.erpSync.list(principal, query);
  }

  /** Retry a failed or dead job now, with a fresh retry budget (409 for a pending or synced one) */
  @Post(':id/retry')
  @HttpCode(200)
  @Roles(...SYNC_OPERATORS)
  @ApiProblems(404, 409)
  @ApiExamples({ response: { ...ERP_SYNC_JOB_EXAMPLE, status: 'pending' } })
  retry(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErpSyncJobResponse> {
    return this.erpSync.retry(principal, id);
  }

  /** Process the due jobs now (up to 1000 per call), besides the workers' schedule */
  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  @ApiExamples({ response: ERP_SYNC_RUN_EXAMPLE })
  run(): Promise<ErpSyncRunResponse> {
    return this.erpSync.runDue();
  }
}
