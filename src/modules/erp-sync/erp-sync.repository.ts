import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import type { ErpSyncStatus } from './erp-sync-job.entity';

export interface ErpSyncJobRow {
  id: string;
  contractId: string;
  status: ErpSyncStatus;
  attempts: number;
  lastError: string | null;
  erpOrderNo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const JOB_COLUMNS = `j.id, j.contract_id AS "contractId", j.status, j.attempts,
  j.last_error AS "lastError", j.erp_order_no AS "erpOrderNo", j.created_at AS "createdAt",
  j.updated_at AS "updatedAt"`;

@Injectable()
export class ErpSyncRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The contract's job, pending; the unique contract id keeps it to one. */
  async insertPending(contractId: string): Promise<ErpSyncJobRow> {
    const [row] = await this.tx.query<ErpSyncJobRow>(
      `INSERT INTO erp_sync_jobs AS j (contract_id) VALUES ($1) RETURNING ${JOB_COLUMNS}`,
      [contractId],
    );
    return row;
  }

  async findByContract(contractId: string): Promise<ErpSyncJobRow | undefined> {
    const [row] = await this.tx.query<ErpSyncJobRow>(
      `SELECT ${JOB_COLUMNS} FROM erp_sync_jobs j WHERE j.contract_id = $1`,
      [contractId],
    );
    return row;
  }
}
