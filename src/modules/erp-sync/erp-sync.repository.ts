import { Injectable } from '@nestjs/common';
import { defineList } from '../../core/http/list-query';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import type { ErpSyncStatus } from './erp-sync-job.entity';
import type { ContractForErp } from './domain/sales-order';

export interface ErpSyncJobRow {
  id: string;
  contractId: string;
  contractNo: string;
  status: ErpSyncStatus;
  attempts: number;
  lastError: string | null;
  erpOrderNo: string | null;
  connectionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A job at the start of an attempt: the attempts before this one, and its contract. */
export interface ErpSyncAttempt {
  jobId: string;
  attemptsBefore: number;
  connectionId: string | null;
  contract: ContractForErp;
}

/** A job whose order the ERP now holds, under the ERP's number. */
export interface SyncedOrder {
  jobId: string;
  erpOrderNo: string;
}

/** `GET /erp/sync-jobs`: the oldest job first, the order they are dispatched in. */
export const ERP_SYNC_JOB_LIST = defineList({
  keys: {
    createdAt: { column: 'j.created_at', kind: 'timestamp' },
    attempts: { column: 'j.attempts', kind: 'integer' },
  },
  defaultSort: 'createdAt',
  id: 'j.id',
  updatedAt: 'j.updated_at',
});

const JOB_COLUMNS = `j.id, j.contract_id AS "contractId", k.contract_no AS "contractNo", j.status,
  j.attempts, j.last_error AS "lastError", j.erp_order_no AS "erpOrderNo",
  j.connection_id AS "connectionId", j.created_at AS "createdAt", j.updated_at AS "updatedAt"`;

/** A sync job just written, pending: what queueing it and answering for it need. */
export interface NewSyncJob {
  id: string;
  updatedAt: Date;
}

/**
 * The body of a data-modifying CTE that writes the pending sync job of each
 * contract the CTE `contracts` returns (its `id`), answering `NewSyncJob`
 * columns. ContractsRepository writes a contract, its order and its job in
 * one statement with it; the unique contract id keeps each to one job.
 */
export function insertPendingJobsSql(contracts: string): string {
  return `INSERT INTO erp_sync_jobs (contract_id) SELECT id FROM ${contracts}
    RETURNING id, contract_id, updated_at`;
}

/**
 * SQL over the ERP sync jobs. Every status change is a guarded UPDATE on the
 * status it expects, so two workers that hold the same job (a lease that ran
 * out on a slow ERP) cannot both move it.
 */
@Injectable()
export class ErpSyncRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findByContract(contractId: string): Promise<ErpSyncJobRow | undefined> {
    const [row] = await this.tx.query<ErpSyncJobRow>(
      `SELECT ${JOB_COLUMNS} FROM erp_sync_jobs j JOIN contracts k ON k.id = j.contract_id
       WHERE j.contract_id = $1`,
      [contractId],
    );
    return row;
  }

  /** One job, inside the caller's scope (`scopeSql` over the contract's owner `k.owner_id`). */
  async findOne(
    id: string,
    params: SqlParams,
    scopeSql: string,
  ): Promise<ErpSyncJobRow | undefined> {
    const [row] = await this.tx.query<ErpSyncJobRow>(
      `SELECT ${JOB_COLUMNS} FROM erp_sync_jobs j JOIN contracts k ON k.id = j.contract_id
       WHERE j.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }

  async list(params: SqlParams, where: string[], limit: number, orderBy: string) {
    return this.tx.query<ErpSyncJobRow>(
      `SELECT ${JOB_COLUMNS} FROM erp_sync_jobs j JOIN contracts k ON k.id = j.contract_id
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /**
   * Counts an attempt of each job still pending, and reads its contract as
   * the ERP needs it (the signing day in `timeZone`), by job id. A job no
   * longer pending is left out: a late duplicate delivery has nothing to do.
   */
  async beginAttempts(jobIds: string[], timeZone: string): Promise<Map<string, ErpSyncAttempt>> {
    const rows = await this.tx.query<ErpSyncAttempt & ContractForErp>(
      `WITH j AS (
         UPDATE erp_sync_jobs SET attempts = attempts + 1
         WHERE id = ANY ($1::uuid[]) AND status = 'pending'
         RETURNING id, contract_id, attempts, connection_id
       )
       SELECT j.id AS "jobId", j.attempts - 1 AS "attemptsBefore",
         j.connection_id AS "connectionId", k.id AS "contractId", k.contract_no AS "contractNo",
         to_char(k.signed_at AT TIME ZONE $2, 'YYYY-MM-DD') AS "signedOn",
         c.erp_code AS "customerErpCode", k.lines
       FROM j JOIN contracts k ON k.id = j.contract_id JOIN customers c ON c.id = k.customer_id`,
      [jobIds, timeZone],
      { prepare: true },
    );
    return new Map(
      rows.map(({ jobId, attemptsBefore, connectionId, ...contract }) => [
        jobId,
        { jobId, attemptsBefore, connectionId, contract },
      ]),
    );
  }

  /** Binds jobs to the connection they are first attempted on; a bound job keeps its own. */
  async bindConnection(jobIds: string[], connectionId: string): Promise<void> {
    if (!jobIds.length) return;
    await this.tx.query(
      `UPDATE erp_sync_jobs SET connection_id = $2
       WHERE id = ANY ($1::uuid[]) AND connection_id IS NULL`,
      [jobIds, connectionId],
      { prepare: true },
    );
  }

  /**
   * The ERP holds these orders: each job is synced and its contract carries the
   * ERP's number. One statement for a batch; jobs no longer pending are left.
   */
  async markSynced(orders: SyncedOrder[]): Promise<void> {
    if (!orders.length) return;
    await this.tx.query(
      `WITH s AS (
         SELECT * FROM unnest($1::uuid[], $2::text[]) AS s(job_id, erp_order_no)
       ), j AS (
         UPDATE erp_sync_jobs SET status = 'synced', erp_order_no = s.erp_order_no, last_error = NULL
         FROM s WHERE erp_sync_jobs.id = s.job_id AND erp_sync_jobs.status = 'pending'
         RETURNING erp_sync_jobs.contract_id, s.erp_order_no
       )
       UPDATE contracts k SET erp_order_no = j.erp_order_no FROM j WHERE k.id = j.contract_id`,
      [orders.map((order) => order.jobId), orders.map((order) => order.erpOrderNo)],
      { prepare: true },
    );
  }

  /** The job ends `failed` or `dead`, with the reason; false when it was no longer pending. */
  async markEnded(
    jobId: string,
    status: 'failed' | 'dead',
    reason: string | null,
  ): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE erp_sync_jobs SET status = $2, last_error = coalesce($3, last_error)
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [jobId, status, reason],
    );
    return rows.length > 0;
  }

  /** A transient failure: the job stays pending, with the reason shown until the next attempt. */
  async recordRetry(jobId: string, reason: string): Promise<void> {
    await this.tx.query(
      `UPDATE erp_sync_jobs SET last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [jobId, reason],
    );
  }

  /**
   * A failed or dead job back to pending, for a manual retry. Undefined when
   * it was in another status (the row lock makes two clicks retry it once).
   */
  async reopen(jobId: string): Promise<ErpSyncJobRow | undefined> {
    const [row] = await this.tx.query<ErpSyncJobRow>(
      `WITH j AS (
         UPDATE erp_sync_jobs SET status = 'pending'
         WHERE id = $1 AND status IN ('failed', 'dead') RETURNING *
       )
       SELECT ${JOB_COLUMNS} FROM j JOIN contracts k ON k.id = j.contract_id`,
      [jobId],
    );
    return row;
  }
}
