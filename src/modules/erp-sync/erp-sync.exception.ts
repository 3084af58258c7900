import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';
import type { ErpSyncStatus } from './erp-sync-job.entity';

export const ErpSyncErrorCode = {
  SYNC_JOB_NOT_RETRYABLE: 'SYNC_JOB_NOT_RETRYABLE',
} as const;

const STATUS_NAMES: Record<ErpSyncStatus, string> = {
  pending: '同步中',
  synced: '已同步',
  failed: '失败',
  dead: '已放弃',
};

export const erpSyncMessages = catalogue({
  syncJob: { en: 'ERP sync job', zh: 'ERP 同步任务' },
  notRetryable: (status: ErpSyncStatus) => ({
    en: `Only a failed or dead job can be retried; this one is ${status}`,
    zh: `只有失败或已放弃的任务可以重试，该任务当前为“${STATUS_NAMES[status]}”`,
  }),
});

/** A manual retry of a job that is pending (it retries on its own) or synced (nothing to do). */
export class SyncJobNotRetryableException extends DomainException {
  constructor(status: ErpSyncStatus) {
    super(
      'conflict',
      ErpSyncErrorCode.SYNC_JOB_NOT_RETRYABLE,
      erpSyncMessages.notRetryable(status),
      { extensions: { currentStatus: status } },
    );
  }
}
