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
    displayName?: string;
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
        displayName: input.displayName ?? `测试${username}`,
        roles: input.roles,
        orgUnitId: input.orgUnitId,
        supervisorId: input.supervisorId,
      })
      .expect(201);
    const id = (response.body as { id: string }).id;
    return { id, username, password, auth: await this.app.login(username, password) };
  }

  /**
   * 华东大区: 杭州工业配件组 (supervisor li → reps wang, zhao) and 上海快消渠道组
   * (supervisor sun → rep liu), both under regional director zhou.
   */
  async eastRegion(): Promise<EastRegion> {
    const east = await this.orgUnit({ type: 'region', name: '华东大区' });
    const hangzhou = await this.orgUnit({ type: 'team', name: '杭州工业配件组', parentId: east });
    const shanghai = await this.orgUnit({ type: 'team', name: '上海快消渠道组', parentId: east });
    const zhou = await this.user({ roles: ['regional_director'], orgUnitId: east });
    const li = await this.user({
      roles: ['supervisor'],
      orgUnitId: hangzhou,
      supervisorId: zhou.id,
    });
    const sun = await this.user({
      roles: ['supervisor'],
      orgUnitId: shanghai,
      supervisorId: zhou.id,
    });
    const wang = await this.user({ roles: ['rep'], orgUnitId: hangzhou, supervisorId: li.id });
    const zhao = await this.user({ roles: ['rep'], orgUnitId: hangzhou, supervisorId: li.id });
    const liu = await this.user({ roles: ['rep'], orgUnitId: shanghai, supervisorId: sun.id });
    return { zhou, li, sun, wang, zhao, liu };
  }
}

export type EastRegion = Record<'zhou' | 'li' | 'sun' | 'wang' | 'zhao' | 'liu', TestUser>;

let phone = 13700000000 + Math.floor(Math.random() * 1e6);

/** Builds customers and their orders through the API, as an admin (or an integrator) would. */
export class BookFactory {
  constructor(private readonly app: TestApp) {}

  /** A customer owned by `ownerId`, with a fresh phone. */
  async customer(name: string, ownerId: string, segment: 'b2b' | 'b2c' = 'b2c'): Promise<string> {
    const response = await this.app
      .post('/customers', this.app.adminAuth, { name, phone: String(++phone), segment, ownerId })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  /** An order of the customer, at `orderedAt`, at the store `storeId` if given. */
  async order(input: {
    customerId: string;
    amount: string;
    orderedAt: string;
    storeId?: string;
  }): Promise<string> {
    const response = await this.app.post('/orders', this.app.adminAuth, input).expect(201);
    return (response.body as { id: string }).id;
  }
}
