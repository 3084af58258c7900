import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '../../../../core/http/timestamps';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import type { ErpKind } from '../../adapters';
import { ERP_SYNC_STATUSES, ErpSyncStatus } from '../../erp-sync-job.entity';
import { DRIFT_KINDS, DriftKind } from '../drift';

const ERP_KINDS: readonly ErpKind[] = ['k3cloud', 'u8'];

export class ReconcileQueryDto {
  /** Contracts signed at or after this time, ISO-8601 with an offset. */
  @ApiTime() @IsTimestamp() from: string;
  /** …and before this time; later than `from`, at most 93 days after it. */
  @ApiTime() @IsTimestamp() to: string;
}

export class ReconcileConnection {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ enum: ERP_KINDS }) kind: ErpKind;
}

/** Our side: what the ERP should hold. */
export class ReconcileExpected {
  @ApiProperty({ type: String, example: '5695.20' }) amountWithTax: string;
  /** The ERP order number the sync job recorded; null until it is synced. */
  erpOrderNo: string | null;
}

/** The ERP's side: the order it holds under the contract number. */
export class ReconcileFound {
  /** K3 Cloud: the FBillNo; U8: the order's id. */
  erpOrderNo: string;
  /** Tax-inclusive total (价税合计). */
  @ApiProperty({ type: String, example: '5695.20' }) amountWithTax: string;
  /** The order's date in the ERP, YYYY-MM-DD, when the ERP gives it. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-06' }) date?: string;
}

export class ReconcileDrift {
  @ApiUuid() contractId: string;
  contractNo: string;
  /**
   * `missing_in_erp`: synced, but the ERP has no order with this number;
   * `synced_but_unrecorded`: the ERP holds it, but the job is not synced;
   * `amount_mismatch`: the totals differ by more than a cent per line;
   * `order_no_mismatch`: the ERP's order number is not the one the job recorded.
   * A contract with several problems appears once per kind.
   */
  @ApiProperty({ enum: DRIFT_KINDS }) kind: DriftKind;
  @ApiProperty({ enum: ERP_SYNC_STATUSES }) syncStatus: ErpSyncStatus;
  expected: ReconcileExpected;
  /** Absent when the ERP has no order with the contract number (`missing_in_erp`). */
  found?: ReconcileFound;
}

export class ReconcileReport {
  /** The window, [from, to), in UTC. */
  @ApiTime() from: string;
  /** The end of the window, exclusive, in UTC. */
  @ApiTime() to: string;
  /** When the ERP was asked. */
  @ApiTime() checkedAt: string;
  /** The active ERP connection the contracts were compared with. */
  connection: ReconcileConnection;
  /** Contracts signed in the window. */
  @ApiInteger() contracts: number;
  /** Held by the ERP as recorded: same number, same total, job synced. */
  @ApiInteger() matched: number;
  /** Not synced yet (pending, failed or dead) and not in the ERP: unfinished work, not drift. */
  @ApiInteger() notSynced: number;
  /** Every disagreement, in signing order. */
  @ApiProperty({ type: ReconcileDrift, isArray: true }) drift: ReconcileDrift[];
}
