import { DomainException } from '../../core/errors/domain.exception';
import { catalogue, Text } from '../../core/i18n/text';
import { ErpRequestError, RetryableErpError } from './adapters';
import { ErpCredentialsUnreadableError } from './connections/erp-connections.exception';
import { ConnectedErp, ErpAdapterSource } from './erp-adapter-source';

/**
 * The errors of a request that calls the ERP while the client waits (the
 * stock pull, the reconciliation), and the two steps every such request
 * takes: the active connection, then the call.
 */
export const ErpCallErrorCode = {
  ERP_NOT_CONFIGURED: 'ERP_NOT_CONFIGURED',
  ERP_CREDENTIALS_UNREADABLE: 'ERP_CREDENTIALS_UNREADABLE',
  ERP_UNREACHABLE: 'ERP_UNREACHABLE',
  ERP_REFUSED: 'ERP_REFUSED',
} as const;

export const erpCallMessages = catalogue({
  notConfigured: {
    en: 'No ERP connection is active: activate one (PATCH /erp/connections/:id) first',
    zh: '没有启用的 ERP 连接：请先启用一个连接（PATCH /erp/connections/:id）',
  },
  credentialsUnreadable: (erp: string) => ({
    en:
      `The credentials of the ERP connection "${erp}" cannot be opened: ERP_SECRET (or JWT_SECRET) ` +
      'changed since they were stored; set them again with PATCH /erp/connections/:id',
    zh: `ERP 连接「${erp}」的凭据无法解密：保存之后 ERP_SECRET（或 JWT_SECRET）已更改；请用 PATCH /erp/connections/:id 重新填写`,
  }),
  /** `reason` is the adapter's message: the operation and the cause, never a URL or a secret. */
  unreachable: (erp: string, call: Text, reason: string) => ({
    en: `The ERP "${erp}" did not answer the ${call.en} (${reason}); try again later`,
    zh: `ERP「${erp}」未响应${call.zh}（${reason}），请稍后重试`,
  }),
  refused: (erp: string, call: Text, reason: string) => ({
    en: `The ERP "${erp}" refused the ${call.en} (${reason}); check the connection`,
    zh: `ERP「${erp}」拒绝了${call.zh}（${reason}），请检查连接配置`,
  }),
});

/** Nothing to call: no connection is active. 422: the request is fine, the setup is missing. */
export class ErpNotConfiguredException extends DomainException {
  constructor() {
    super('unprocessable', ErpCallErrorCode.ERP_NOT_CONFIGURED, erpCallMessages.notConfigured);
  }
}

/** The active connection's credentials do not open under the current key: an admin must enter them again. */
export class ErpCredentialsUnreadableException extends DomainException {
  constructor(erp: string) {
    super(
      'unprocessable',
      ErpCallErrorCode.ERP_CREDENTIALS_UNREADABLE,
      erpCallMessages.credentialsUnreadable(erp),
    );
  }
}

/** No answer we can use: down, timed out, reset, a 5xx. 502; retrying later may help. */
export class ErpUnreachableException extends DomainException {
  constructor(erp: string, call: Text, reason: string) {
    super(
      'bad_gateway',
      ErpCallErrorCode.ERP_UNREACHABLE,
      erpCallMessages.unreachable(erp, call, reason),
    );
  }
}

/** The ERP answered, but refused the login or the query. 502; a person must fix the connection. */
export class ErpRefusedException extends DomainException {
  constructor(erp: string, call: Text, reason: string) {
    super('bad_gateway', ErpCallErrorCode.ERP_REFUSED, erpCallMessages.refused(erp, call, reason));
  }
}

/** The active connection; 422 when there is none, or when its credentials no longer open. */
export async function requireActiveErp(erps: ErpAdapterSource): Promise<ConnectedErp> {
  let erp: ConnectedErp | null;
  try {
    erp = await erps.active();
  } catch (error) {
    if (error instanceof ErpCredentialsUnreadableError) {
      throw new ErpCredentialsUnreadableException(error.connectionName);
    }
    throw error;
  }
  if (!erp) throw new ErpNotConfiguredException();
  return erp;
}

export function isErpCallError(error: unknown): error is ErpRequestError | RetryableErpError {
  return error instanceof ErpRequestError || error instanceof RetryableErpError;
}

/** An adapter's failure as the 502 a client gets, naming the call (`{ en: 'stock query', zh: '库存查询' }`). */
export function erpCallProblem(
  erp: ConnectedErp,
  call: Text,
  error: ErpRequestError | RetryableErpError,
): DomainException {
  return error instanceof RetryableErpError
    ? new ErpUnreachableException(erp.name, call, error.message)
    : new ErpRefusedException(erp.name, call, error.message);
}
