import { DomainException } from '../../../core/errors/domain.exception';
import { catalogue } from '../../../core/i18n/text';

export const StockErrorCode = {
  ERP_NOT_CONFIGURED: 'ERP_NOT_CONFIGURED',
  ERP_UNREACHABLE: 'ERP_UNREACHABLE',
  ERP_REFUSED: 'ERP_REFUSED',
} as const;

export const stockMessages = catalogue({
  notConfigured: {
    en: 'No ERP connection is active: activate one (PATCH /erp/connections/:id) before pulling stock',
    zh: '没有启用的 ERP 连接：请先启用一个连接（PATCH /erp/connections/:id）再拉取库存',
  },
  /** `reason` is the adapter's message: it names the operation, never a URL or a credential. */
  unreachable: (erp: string, reason: string) => ({
    en: `The ERP "${erp}" did not answer the stock query (${reason}); the stored levels are unchanged, try again later`,
    zh: `ERP「${erp}」未响应库存查询（${reason}），已有库存数据未改动，请稍后重试`,
  }),
  refused: (erp: string, reason: string) => ({
    en: `The ERP "${erp}" refused the stock query (${reason}); the stored levels are unchanged, check the connection`,
    zh: `ERP「${erp}」拒绝了库存查询（${reason}），已有库存数据未改动，请检查连接配置`,
  }),
});

/** A pull needs an active connection: 422, the request is fine but the setup is missing. */
export class ErpNotConfiguredException extends DomainException {
  constructor() {
    super('unprocessable', StockErrorCode.ERP_NOT_CONFIGURED, stockMessages.notConfigured);
  }
}

/** Network error, timeout, 5xx or an answer that is not the ERP's: 502, worth retrying. */
export class ErpUnreachableException extends DomainException {
  constructor(erp: string, reason: string) {
    super('bad_gateway', StockErrorCode.ERP_UNREACHABLE, stockMessages.unreachable(erp, reason));
  }
}

/** The ERP refused the login or the query: 502, a person must fix the connection. */
export class ErpRefusedException extends DomainException {
  constructor(erp: string, reason: string) {
    super('bad_gateway', StockErrorCode.ERP_REFUSED, stockMessages.refused(erp, reason));
  }
}
