import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/core/auth/roles';
import { API, TestApp } from './test-app';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  /** `Authorization` header value for this user. */
  auth: string;
}

let sequence = 0;
const unique = (prefix: string) => `${prefix}${++sequence}_${randomBytes(3).toString('hex')}`;

/** Builds org units and users through the API, as an admin would. */
export class OrgFactory {
  constructor(private readonly app: TestApp) {}

  async orgUnit(input: {
    name?: string;
    type: 'region' | 'team' | 'store';
    parentId?: string;
  }): Promise<string> {
    const response = await this.app
      .api()
      .post(`${API}/org-units`)
      .set('authorization', this.app.adminAuth)
      .send({ name: input.name ?? unique(input.type), type: input.type, parentId: input.parentId })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async user(input: {
    roles: Role[];
    orgUnitId: string;
    supervisorId?: string;
    username?: string;
  }): Promise<TestUser> {
    const username = input.username ?? unique('user');
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const response = await this.app
      .api()
      .post(`${API}/users`)
      .set('authorization', this.app.adminAuth)
      .send({
        username,
        password,
        displayName: `测试${username}`,
        roles: input.roles,
        orgUnitId: input.orgUnitId,
        supervisorId: input.supervisorId,
      })
      .expect(201);
    const id = (response.body as { id: string }).id;
    return { id, username, password, auth: await this.app.login(username, password) };
  }
}
