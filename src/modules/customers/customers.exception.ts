import { DomainException } from '../../core/errors/domain.exception';

export const CustomerErrorCode = {
  DUPLICATE_PHONE: 'DUPLICATE_PHONE',
  ALREADY_OWNED: 'ALREADY_OWNED',
  INVALID_PHONE: 'INVALID_PHONE',
  OWNER_NOT_ALLOWED: 'OWNER_NOT_ALLOWED',
  OWNER_OUT_OF_SCOPE: 'OWNER_OUT_OF_SCOPE',
  ALREADY_IN_POOL: 'ALREADY_IN_POOL',
  CUSTOMER_IN_POOL: 'CUSTOMER_IN_POOL',
} as const;

export class DuplicatePhoneException extends DomainException {
  constructor(existingCustomerId: string, ownerId: string | null) {
    super(
      'conflict',
      CustomerErrorCode.DUPLICATE_PHONE,
      'A customer with this phone already exists',
      {
        errors: [{ field: 'phone', message: 'already belongs to another customer' }],
        extensions: { existingCustomerId, ownerId },
      },
    );
  }
}

export class AlreadyOwnedException extends DomainException {
  constructor(ownerId: string) {
    super('conflict', CustomerErrorCode.ALREADY_OWNED, 'The customer already has an owner', {
      extensions: { ownerId },
    });
  }
}

export class InvalidPhoneException extends DomainException {
  constructor(reason: string) {
    super('invalid', CustomerErrorCode.INVALID_PHONE, `The phone ${reason}`, {
      errors: [{ field: 'phone', message: reason }],
    });
  }
}

export class OwnerNotAllowedException extends DomainException {
  constructor() {
    super(
      'forbidden',
      CustomerErrorCode.OWNER_NOT_ALLOWED,
      'A rep always owns the customers it creates',
      {
        errors: [{ field: 'ownerId', message: 'a rep may only name itself' }],
      },
    );
  }
}

export class OwnerOutOfScopeException extends DomainException {
  constructor(field: string) {
    super(
      'unprocessable',
      CustomerErrorCode.OWNER_OUT_OF_SCOPE,
      'The new owner is not an active user in your scope',
      {
        errors: [{ field, message: 'not an active user in your scope' }],
      },
    );
  }
}

export class AlreadyInPoolException extends DomainException {
  constructor() {
    super('conflict', CustomerErrorCode.ALREADY_IN_POOL, 'The customer is already in the pool');
  }
}

export class CustomerInPoolException extends DomainException {
  constructor() {
    super(
      'conflict',
      CustomerErrorCode.CUSTOMER_IN_POOL,
      'The customer is in the public pool: claim it before working on it',
    );
  }
}
