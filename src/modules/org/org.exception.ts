import { DomainException } from '../../core/errors/domain.exception';

export const OrgErrorCode = {
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  UNKNOWN_REFERENCE: 'UNKNOWN_REFERENCE',
  NO_USER_FOR_API_KEY: 'NO_USER_FOR_API_KEY',
} as const;

export class UsernameTakenException extends DomainException {
  constructor(username: string) {
    super('conflict', OrgErrorCode.USERNAME_TAKEN, `The username ${username} is taken`, {
      errors: [{ field: 'username', message: 'already taken' }],
    });
  }
}

/** A body names an org unit or user that does not exist. */
export class UnknownReferenceException extends DomainException {
  constructor(field: string, what: string) {
    super('invalid', OrgErrorCode.UNKNOWN_REFERENCE, `No ${what} has the id given in ${field}`, {
      errors: [{ field, message: `no such ${what}` }],
    });
  }
}
