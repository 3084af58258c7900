import { Injectable } from '@nestjs/common';
import { ErpSyncJobRow, ErpSyncRepository } from './erp-sync.repository';

/** A contract's ERP sync as the API shows it. */
export interface ErpSyncState {
  status: ErpSyncJobRow['status'];
  attempts: number;
  lastError: string | null;
  erpOrderNo: string | null;
  updatedAt: string;
}

export function toErpSyncState(row: ErpSyncJobRow): ErpSyncState {
  return {
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    erpOrderNo: row.erpOrderNo,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The ERP sync outbox (API.md §6): a signed contract's job is written in the
 * contract's own transaction, so a contract never exists without its job,
 * nor a job without its contract. The dispatcher that delivers the jobs to
 * K3 Cloud or U8 through `adapters/` is not built yet (see docs/erp-sync.md).
 */
@Injectable()
export class ErpSyncService {
  constructor(private readonly jobs: ErpSyncRepository) {}

  /** Queues the contract's sales order for the ERP, in the caller's transaction. */
  async enqueueContract(contractId: string): Promise<ErpSyncState> {
    return toErpSyncState(await this.jobs.insertPending(contractId));
  }

  /** The contract's sync; every contract has one (enqueueContract runs with it). */
  async stateOf(contractId: string): Promise<ErpSyncState> {
    return toErpSyncState((await this.jobs.findByContract(contractId))!);
  }
}
