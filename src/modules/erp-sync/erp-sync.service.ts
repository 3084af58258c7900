import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import {
  ErpSyncJobPage,
  ErpSyncJobQueryDto,
  ErpSyncJobResponse,
  ErpSyncResponse,
  ErpSyncRunResponse,
} from './dto/erp-sync-job.dto';
import { ErpSyncDispatcher } from './erp-sync.dispatcher';
import { erpSyncMessages, SyncJobNotRetryableException } from './erp-sync.exception';
import {
  ERP_SYNC_JOB_LIST,
  ErpSyncJobRow,
  ErpSyncRepository,
  NewSyncJob,
} from './erp-sync.repository';

/** Jobs one `POST /erp/sync-jobs/run` attempts at most; the answer says when to call again. */
export const RUN_LIMIT = 1000;

function toErpSync(row: ErpSyncJobRow): ErpSyncResponse {
  return {
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    erpOrderNo: row.erpOrderNo,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toErpSyncJob(row: ErpSyncJobRow): ErpSyncJobResponse {
  return {
    id: row.id,
    contractId: row.contractId,
    contractNo: row.contractNo,
    connectionId: row.connectionId,
    ...toErpSync(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The ERP sync outbox (API.md §6): a signed contract's job is written, and
 * queued, in the contract's own transaction, so a contract never exists
 * without its job, nor a job without its contract. ErpSyncDispatcher
 * delivers it.
 */
@Injectable()
export class ErpSyncService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly jobs: ErpSyncRepository,
    private readonly dispatcher: ErpSyncDispatcher,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Queues a contract's new sync job (written by `insertPendingJobsSql`), in
   * the caller's transaction, and answers its state.
   */
  async enqueue(job: NewSyncJob): Promise<ErpSyncResponse> {
    await this.dispatcher.enqueue(job.id);
    return {
      status: 'pending',
      attempts: 0,
      lastError: null,
      erpOrderNo: null,
      updatedAt: job.updatedAt.toISOString(),
    };
  }

  /** The contract's sync; every contract has one (written with it: insertPendingJobsSql). */
  async stateOf(contractId: string): Promise<ErpSyncResponse> {
    return toErpSync((await this.jobs.findByContract(contractId))!);
  }

  /** `GET /erp/sync-jobs`, in the caller's scope over the contracts' owners. */
  async list(principal: Principal, query: ErpSyncJobQueryDto): Promise<ErpSyncJobPage> {
    const plan = await ERP_SYNC_JOB_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'k.owner_id', params)];
    if (query.status) where.push(`j.status = ANY (${params.add(query.status)}::text[])`);
    if (query.contractId)
      where.push(`j.contract_id = ANY (${params.add(query.contractId)}::uuid[])`);
    where.push(...plan.where(params));
    const rows = await this.jobs.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toErpSyncJob);
  }

  /**
   * A failed or dead job goes back to pending with a fresh retry budget, and
   * is queued in the same transaction. 409 for a pending or synced job.
   */
  async retry(principal: Principal, id: string): Promise<ErpSyncJobResponse> {
    return this.tx.withTransaction(async () => {
      const job = await this.find(principal, id);
      const reopened = await this.jobs.reopen(job.id);
      if (!reopened) {
        // Re-read: a concurrent retry may have reopened it since `find`.
        const current = await this.jobs.findByContract(job.contractId);
        throw new SyncJobNotRetryableException(current!.status);
      }
      await this.dispatcher.enqueue(reopened.id);
      await this.audit.append({
        actor: principal,
        entity: 'erp_sync_job',
        entityId: reopened.id,
        action: 'retried',
        data: { contractNo: reopened.contractNo, from: job.status, attempts: reopened.attempts },
      });
      return toErpSyncJob(reopened);
    });
  }

  runDue(): Promise<ErpSyncRunResponse> {
    return this.dispatcher.runDue(RUN_LIMIT);
  }

  private async find(principal: Principal, id: string): Promise<ErpSyncJobRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'k.owner_id', params);
    const row = await this.jobs.findOne(id, params, scopeSql);
    if (!row) throw new NotFoundException(erpSyncMessages.syncJob, id);
    return row;
  }
}
