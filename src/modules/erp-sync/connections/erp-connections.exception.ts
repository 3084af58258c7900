import { DomainException } from '../../../core/errors/domain.exception';
import { catalogue } from '../../../core/i18n/text';

export const ErpConnectionErrorCode = {
  ERP_KIND_IMMUTABLE: 'ERP_KIND_IMMUTABLE',
} as const;

export const erpConnectionMessages = catalogue({
  connection: { en: 'ERP connection', zh: 'ERP 连接' },
  kindImmutable: (kind: string) => ({
    en: `A connection's kind cannot change (this one is ${kind}): create a new connection for the other ERP`,
    zh: `连接的类型不能更改（此连接为 ${kind}）：请为另一种 ERP 新建连接`,
  }),
  kindIs: (kind: string) => ({ en: `must stay ${kind}`, zh: `必须保持为 ${kind}` }),
});

/**
 * Credentials and defaults are the kind's own, so a connection never changes
 * ERP: a PATCH naming another kind gets 422 (the same kind is accepted, so a
 * client may send back what it read).
 */
export class ErpKindImmutableException extends DomainException {
  constructor(kind: string) {
    super(
      'unprocessable',
      ErpConnectionErrorCode.ERP_KIND_IMMUTABLE,
      erpConnectionMessages.kindImmutable(kind),
      { errors: [{ field: 'kind', message: erpConnectionMessages.kindIs(kind) }] },
    );
  }
}

/**
 * The sealed credentials do not open under the current key: ERP_SECRET (or
 * the access-token secret it falls back to) changed since they were stored.
 * For the dispatcher and the pulls, not an HTTP answer; names no secret.
 */
export class ErpCredentialsUnreadableError extends Error {
  override readonly name = 'ErpCredentialsUnreadableError';

  constructor(
    readonly connectionId: string,
    readonly connectionName: string,
  ) {
    super(
      `The credentials of ERP connection ${connectionId} cannot be opened: ERP_SECRET (or JWT_SECRET) ` +
        'changed since they were stored; set them again with PATCH /erp/connections/:id',
    );
  }
}
