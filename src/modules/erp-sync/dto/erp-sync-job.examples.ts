import { EXAMPLE_CURSOR, EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  ErpSyncJobPage,
  ErpSyncJobResponse,
  ErpSyncResponse,
  ErpSyncRunResponse,
} from './erp-sync-job.dto';

export const ERP_SYNC_EXAMPLE: ErpSyncResponse = {
  status: 'pending',
  attempts: 0,
  lastError: null,
  erpOrderNo: null,
  updatedAt: '2026-12-06T02:30:00.000Z',
};

export const ERP_SYNC_JOB_EXAMPLE: ErpSyncJobResponse = {
  id: EXAMPLE_IDS.erpSyncJob,
  contractId: EXAMPLE_IDS.contract,
  contractNo: 'HT-2026-000123',
  connectionId: null,
  status: 'failed',
  attempts: 1,
  lastError: '客户编码 CUST-0042 不存在',
  erpOrderNo: null,
  createdAt: '2026-12-06T02:30:00.000Z',
  updatedAt: '2026-12-06T02:30:01.000Z',
};

export const ERP_SYNC_JOB_PAGE_EXAMPLE: ErpSyncJobPage = {
  items: [ERP_SYNC_JOB_EXAMPLE],
  nextCursor: EXAMPLE_CURSOR,
};

export const ERP_SYNC_RUN_EXAMPLE: ErpSyncRunResponse = {
  processed: 12,
  synced: 10,
  failed: 1,
  retrying: 1,
  dead: 0,
};
