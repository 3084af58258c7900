import { DomainException } from '../../../core/errors/domain.exception';
import { catalogue } from '../../../core/i18n/text';

export const ReconcileErrorCode = {
  ERP_NOT_CONFIGURED: 'ERP_NOT_CONFIGURED',
  ERP_UNREACHABLE: 'ERP_UNREACHABLE',
  ERP_QUERY_REFUSED: 'ERP_QUERY_REFUSED',
} as const;

export const reconcileMessages = catalogue({
  toAfterFrom: { en: 'must be later than from', zh: '必须晚于 from' },
  windowTooLong: (days: number) => ({
    en: `must be at most ${days} days after from`,
    zh: `与 from 的间隔不能超过 ${days} 天`,
  }),
  invalidWindow: {
    en: 'The reconciliation window is invalid',
    zh: '对账时间范围无效',
  },
  notConfigured: {
    en: 'No ERP connection is active; activate one (POST /erp/connections) to reconcile',
    zh: '没有启用的 ERP 连接；请先启用一个连接（POST /erp/connections）再对账',
  },
  /** `reason` is the adapter's message: the operation and the cause, never a URL or a secret. */
  unreachable: (reason: string) => ({
    en: `The ERP could not be reached; try again later (${reason})`,
    zh: `无法连接 ERP，请稍后重试（${reason}）`,
  }),
  refused: (reason: string) => ({
    en: `The ERP refused the order lookup: ${reason}`,
    zh: `ERP 拒绝了订单查询：${reason}`,
  }),
});

/** Nothing to reconcile against: no connection is active. */
export class ErpNotConfiguredException extends DomainException {
  constructor() {
    super('unprocessable', ReconcileErrorCode.ERP_NOT_CONFIGURED, reconcileMessages.notConfigured);
  }
}

/** No answer we can use: down, timed out, reset, a 5xx. Retrying later may help. */
export class ErpUnreachableException extends DomainException {
  constructor(reason: string) {
    super('bad_gateway', ReconcileErrorCode.ERP_UNREACHABLE, reconcileMessages.unreachable(reason));
  }
}

/** The ERP answered, but refused: a rejected login, a refused query. A person must look. */
export class ErpQueryRefusedException extends DomainException {
  constructor(reason: string) {
    super('bad_gateway', ReconcileErrorCode.ERP_QUERY_REFUSED, reconcileMessages.refused(reason));
  }
}
