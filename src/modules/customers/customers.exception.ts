import { DomainException } from '../../core/errors/domain.exception';
import { catalogue, Text } from '../../core/i18n/text';

export const CustomerErrorCode = {
  DUPLICATE_PHONE: 'DUPLICATE_PHONE',
  ALREADY_OWNED: 'ALREADY_OWNED',
  INVALID_PHONE: 'INVALID_PHONE',
  OWNER_NOT_ALLOWED: 'OWNER_NOT_ALLOWED',
  OWNER_OUT_OF_SCOPE: 'OWNER_OUT_OF_SCOPE',
  ALREADY_IN_POOL: 'ALREADY_IN_POOL',
  CUSTOMER_IN_POOL: 'CUSTOMER_IN_POOL',
} as const;

export const customerMessages = catalogue({
  customer: { en: 'Customer', zh: '客户' },
  duplicatePhone: {
    en: 'A customer with this phone already exists',
    zh: '已有客户使用此电话号码',
  },
  phoneTaken: { en: 'already belongs to another customer', zh: '已属于另一位客户' },

  alreadyOwned: { en: 'The customer already has an owner', zh: '该客户已有负责人' },
  invalidPhone: (reason: Text) => ({ en: `The phone ${reason.en}`, zh: `电话号码${reason.zh}` }),
  phoneEmpty: { en: 'is empty', zh: '为空' },
  phoneCharacters: {
    en: 'may contain only digits, spaces, dashes, dots and brackets',
    zh: '只能包含数字、空格、短横线、点和括号',
  },
  phoneNotChinese: {
    en: 'is not a valid Chinese mobile or landline number with area code',
    zh: '不是有效的中国手机号或带区号的固定电话',
  },
  phoneKind: { en: 'is not a mobile or landline number', zh: '不是手机号或固定电话' },
  ownerNotAllowed: {
    en: 'A rep always owns the customers it creates',
    zh: '销售代表创建的客户总是归自己负责',
  },
  repNamesItself: { en: 'a rep may only name itself', zh: '销售代表只能指定自己' },
  ownerOutOfScope: {
    en: 'The new owner is not an active user in your scope',
    zh: '新负责人不是你权限范围内的在职用户',
  },
  notActiveInScope: { en: 'not an active user in your scope', zh: '不是你权限范围内的在职用户' },
  alreadyInPool: { en: 'The customer is already in the pool', zh: '该客户已在公海中' },
  customerInPool: {
    en: 'The customer is in the public pool: claim it before working on it',
    zh: '该客户在公海中：请先认领再跟进',
  },
});

export class DuplicatePhoneException extends DomainException {
  constructor(existingCustomerId: string, ownerId: string | null) {
    super('conflict', CustomerErrorCode.DUPLICATE_PHONE, customerMessages.duplicatePhone, {
      errors: [{ field: 'phone', message: customerMessages.phoneTaken }],
      extensions: { existingCustomerId, ownerId },
    });
  }
}

export class AlreadyOwnedException extends DomainException {
  constructor(ownerId: string) {
    super('conflict', CustomerErrorCode.ALREADY_OWNED, customerMessages.alreadyOwned, {
      extensions: { ownerId },
    });
  }
}

export class InvalidPhoneException extends DomainException {
  constructor(reason: Text) {
    super('invalid', CustomerErrorCode.INVALID_PHONE, customerMessages.invalidPhone(reason), {
      errors: [{ field: 'phone', message: reason }],
    });
  }
}

export class OwnerNotAllowedException extends DomainException {
  constructor() {
    super('forbidden', CustomerErrorCode.OWNER_NOT_ALLOWED, customerMessages.ownerNotAllowed, {
      errors: [{ field: 'ownerId', message: customerMessages.repNamesItself }],
    });
  }
}

export class OwnerOutOfScopeException extends DomainException {
  constructor(field: string) {
    super('unprocessable', CustomerErrorCode.OWNER_OUT_OF_SCOPE, customerMessages.ownerOutOfScope, {
      errors: [{ field, message: customerMessages.notActiveInScope }],
    });
  }
}

export class AlreadyInPoolException extends DomainException {
  constructor() {
    super('conflict', CustomerErrorCode.ALREADY_IN_POOL, customerMessages.alreadyInPool);
  }
}

export class CustomerInPoolException extends DomainException {
  constructor() {
    super('conflict', CustomerErrorCode.CUSTOMER_IN_POOL, customerMessages.customerInPool);
  }
}
