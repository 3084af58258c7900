import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CreateOrgUnitDto, OrgUnitPage, OrgUnitResponse, UpdateOrgUnitDto } from './org-unit.dto';
import {
  ChangeOwnPasswordDto,
  CreateUserDto,
  HandoverDto,
  HandoverResponse,
  MeUserResponse,
  SetPasswordDto,
  UpdateUserDto,
  UserPage,
  UserResponse,
} from './user.dto';

export const CREATE_ORG_UNIT_EXAMPLE: CreateOrgUnitDto = {
  name: '杭州一组',
  type: 'team',
  parentId: EXAMPLE_IDS.region,
  managerId: EXAMPLE_IDS.supervisor,
};

export const ORG_UNIT_EXAMPLE: OrgUnitResponse = {
  id: EXAMPLE_IDS.team,
  name: '杭州一组',
  type: 'team',
  parentId: EXAMPLE_IDS.region,
  managerId: EXAMPLE_IDS.supervisor,
  createdAt: '2026-11-02T01:00:00.000Z',
  version: 1,
};

export const UPDATE_ORG_UNIT_EXAMPLE: UpdateOrgUnitDto = { name: '杭州西湖一组' };

export const ORG_UNIT_PAGE_EXAMPLE: OrgUnitPage = {
  items: [
    {
      id: EXAMPLE_IDS.region,
      name: '华东大区',
      type: 'region',
      parentId: null,
      managerId: null,
      createdAt: '2026-11-02T00:58:00.000Z',
      version: 1,
    },
    ORG_UNIT_EXAMPLE,
  ],
  nextCursor: null,
};

export const CREATE_USER_EXAMPLE: CreateUserDto = {
  username: 'wanglei',
  password: 'Hz-2026-Spring!',
  displayName: '王磊',
  roles: ['rep'],
  orgUnitId: EXAMPLE_IDS.team,
  supervisorId: EXAMPLE_IDS.supervisor,
};

export const USER_EXAMPLE: UserResponse = {
  id: EXAMPLE_IDS.rep,
  username: 'wanglei',
  displayName: '王磊',
  roles: ['rep'],
  orgUnitId: EXAMPLE_IDS.team,
  supervisorId: EXAMPLE_IDS.supervisor,
  active: true,
  createdAt: '2026-11-03T01:20:00.000Z',
  updatedAt: '2026-11-03T01:20:00.000Z',
  version: 1,
};

export const USER_PAGE_EXAMPLE: UserPage = { items: [USER_EXAMPLE], nextCursor: null };

export const ME_EXAMPLE: MeUserResponse = { ...USER_EXAMPLE, kind: 'user' };

/** Moving 王磊 to another team under another supervisor. */
export const UPDATE_USER_EXAMPLE: UpdateUserDto = {
  orgUnitId: EXAMPLE_IDS.store,
  supervisorId: EXAMPLE_IDS.admin,
};

export const UPDATED_USER_EXAMPLE: UserResponse = {
  ...USER_EXAMPLE,
  orgUnitId: EXAMPLE_IDS.store,
  supervisorId: EXAMPLE_IDS.admin,
  updatedAt: '2026-12-05T02:30:00.000Z',
  version: 2,
};

export const SET_PASSWORD_EXAMPLE: SetPasswordDto = { newPassword: 'Xh-2026-Winter!' };

export const CHANGE_OWN_PASSWORD_EXAMPLE: ChangeOwnPasswordDto = {
  currentPassword: 'Hz-2026-Spring!',
  newPassword: 'Xh-2026-Winter!',
};

/** 王磊 leaves (离职交接): his book goes to his supervisor 李娜. */
export const HANDOVER_EXAMPLE: HandoverDto = { toUserId: EXAMPLE_IDS.supervisor };

export const HANDOVER_RESULT_EXAMPLE: HandoverResponse = {
  customers: 42,
  todos: 7,
  quotes: 5,
  tickets: 3,
};
