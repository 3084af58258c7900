import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const OrgErrorCode = {
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  UNKNOWN_REFERENCE: 'UNKNOWN_REFERENCE',
  SUPERVISOR_LOOP: 'SUPERVISOR_LOOP',
  ORG_UNIT_LOOP: 'ORG_UNIT_LOOP',
  LAST_ADMIN: 'LAST_ADMIN',
  WRONG_CURRENT_PASSWORD: 'WRONG_CURRENT_PASSWORD',
  HANDOVER_TO_SELF: 'HANDOVER_TO_SELF',
} as const;

export const orgMessages = catalogue({
  user: { en: 'User', zh: '用户' },
  userOfCredential: { en: 'User for this credential', zh: '此凭据对应的用户' },
  orgUnit: { en: 'Org unit', zh: '组织单元' },
  store: { en: 'Store', zh: '门店' },
  usernameTaken: (username: string) => ({
    en: `The username ${username} is taken`,
    zh: `用户名 ${username} 已被占用`,
  }),
  alreadyTaken: { en: 'already taken', zh: '已被占用' },
  unknownReference: (field: string, what: { en: string; zh: string }) => ({
    en: `No ${what.en.toLowerCase()} has the id given in ${field}`,
    zh: `${field} 指定的${what.zh}不存在`,
  }),
  supervisorLoop: {
    en: 'The supervisor is this user or reports to this user, so the chain would loop',
    zh: '该上级就是此用户，或直接或间接向此用户汇报，汇报链会形成环',
  },
  orgUnitLoop: {
    en: 'The parent is this org unit or lies inside it, so the tree would loop',
    zh: '上级单元就是此组织单元或位于其下，组织树会形成环',
  },
  wouldLoop: { en: 'would make a loop', zh: '会形成环' },
  lastAdmin: {
    en: 'This is the last active admin; make another admin first',
    zh: '这是最后一位在职管理员；请先设置另一位管理员',
  },
  wrongPassword: { en: 'The current password is wrong', zh: '当前密码错误' },
  notCurrentPassword: { en: 'is not the current password', zh: '不是当前密码' },
  handoverToSelf: {
    en: 'A user cannot hand customers over to itself',
    zh: '用户不能把客户交接给自己',
  },
  isHandingOver: { en: 'is the user handing over', zh: '就是正在交接的用户' },
  noSuch: (what: { en: string; zh: string }) => ({
    en: `no such ${what.en.toLowerCase()}`,
    zh: `${what.zh}不存在`,
  }),
});

export class UsernameTakenException extends DomainException {
  constructor(username: string) {
    super('conflict', OrgErrorCode.USERNAME_TAKEN, orgMessages.usernameTaken(username), {
      errors: [{ field: 'username', message: orgMessages.alreadyTaken }],
    });
  }
}

/** A body names an org unit or user that does not exist. */
export class UnknownReferenceException extends DomainException {
  constructor(field: string, what: { en: string; zh: string }) {
    super('invalid', OrgErrorCode.UNKNOWN_REFERENCE, orgMessages.unknownReference(field, what), {
      errors: [{ field, message: orgMessages.noSuch(what) }],
    });
  }
}

/** The new supervisor is the user, or reports to the user, directly or not. */
export class SupervisorLoopException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.SUPERVISOR_LOOP, orgMessages.supervisorLoop, {
      errors: [{ field: 'supervisorId', message: orgMessages.wouldLoop }],
    });
  }
}

/** The new parent is the unit, or lies inside it. */
export class OrgUnitLoopException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.ORG_UNIT_LOOP, orgMessages.orgUnitLoop, {
      errors: [{ field: 'parentId', message: orgMessages.wouldLoop }],
    });
  }
}

/** Deactivating or demoting the last active admin would lock everyone out of administration. */
export class LastAdminException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.LAST_ADMIN, orgMessages.lastAdmin);
  }
}

export class WrongCurrentPasswordException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.WRONG_CURRENT_PASSWORD, orgMessages.wrongPassword, {
      errors: [{ field: 'currentPassword', message: orgMessages.notCurrentPassword }],
    });
  }
}

export class HandoverToSelfException extends DomainException {
  constructor() {
    super('unprocessable', OrgErrorCode.HANDOVER_TO_SELF, orgMessages.handoverToSelf, {
      errors: [{ field: 'toUserId', message: orgMessages.isHandingOver }],
    });
  }
}
