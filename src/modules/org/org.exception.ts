import { DomainException } from '../../core/errors/domain.exception';

export const OrgErrorCode = {
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  UNKNOWN_REFERENCE: 'UNKNOWN_REFERENCE',
  SUPERVISOR_LOOP: 'SUPERVISOR_LOOP',
  ORG_UNIT_LOOP: 'ORG_UNIT_LOOP',
  LAST_ADMIN: 'LAST_ADMIN',
  WRONG_CURRENT_PASSWORD: 'WRONG_CURRENT_PASSWORD',
  HANDOVER_TO_SELF: 'HANDOVER_TO_SELF',
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

/** The new supervisor is the user, or reports to the user, directly or not. */
export class SupervisorLoopException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      OrgErrorCode.SUPERVISOR_LOOP,
      'The supervisor is this user or reports to this user, so the chain would loop',
      { errors: [{ field: 'supervisorId', message: 'would make a loop' }] },
    );
  }
}

/** The new parent is the unit, or lies inside it. */
export class OrgUnitLoopException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      OrgErrorCode.ORG_UNIT_LOOP,
      'The parent is this org unit or lies inside it, so the tree would loop',
      { errors: [{ field: 'parentId', message: 'would make a loop' }] },
    );
  }
}

/** Deactivating or demoting the last active admin would lock everyone out of administration. */
export class LastAdminException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      OrgErrorCode.LAST_ADMIN,
      'This is the last active admin; make another admin first',
    );
  }
}

export class WrongCurrentPasswordException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.WRONG_CURRENT_PASSWORD, 'The current password is wrong', {
      errors: [{ field: 'currentPassword', message: 'is not the current password' }],
    });
  }
}

export class HandoverToSelfException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      OrgErrorCode.HANDOVER_TO_SELF,
      'A user cannot hand customers over to itself',
      { errors: [{ field: 'toUserId', message: 'is the user handing over' }] },
    );
  }
}
