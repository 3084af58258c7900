import { ApiProperty } from '@nestjs/swagger';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { ERP_SYNC_STATUSES, ErpSyncStatus } from '../erp-sync-job.entity';
import { ERP_SYNC_JOB_LIST } from '../erp-sync.repository';

/** A contract's way into the ERP, as its contract shows it. */
export class ErpSyncResponse {
  /** `pending` until the ERP holds the order; `failed` on an ERP business error; `dead` when retries ran out. */
  @ApiProperty({ enum: ERP_SYNC_STATUSES }) status: ErpSyncStatus;
  /** Every attempt so far, manual retries included. */
  @ApiInteger() attempts: number;
  /** The ERP's message for a business error, or the last transient failure's reason. */
  lastError: string | null;
  /** The ERP's order number once synced. */
  erpOrderNo: string | null;
  @ApiTime() updatedAt: string;
}

export class ErpSyncJobResponse extends ErpSyncResponse {
  @ApiUuid() id: string;
  @ApiUuid() contractId: string;
  contractNo: string;
  /** The ERP connection the job is bound to since its first attempt; null before it. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) connectionId: string | null;
  @ApiTime() createdAt: string;
}

export class ErpSyncJobQueryDto extends ListQueryDto(ERP_SYNC_JOB_LIST) {
  @AnyOf({ enum: ERP_SYNC_STATUSES }, 'Jobs in any of these statuses.') status?: ErpSyncStatus[];
  @AnyOf({ format: 'uuid' }, 'Jobs of any of these contracts.') contractId?: string[];
}

export class ErpSyncJobPage extends PageOf(ErpSyncJobResponse) {}

/** What one `POST /erp/sync-jobs/run` did. */
export class ErpSyncRunResponse {
  /** Jobs attempted; at most 1000 per call: call again while it answers 1000. */
  @ApiInteger() processed: number;
  @ApiInteger() synced: number;
  /** Refused by the ERP (business errors), or no active connection. */
  @ApiInteger() failed: number;
  /** Failed for a transient reason; retried after their backoff. */
  @ApiInteger() retrying: number;
  /** Spent their last attempt. */
  @ApiInteger() dead: number;
}
