import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../src/core/auth/roles';
import { pdfFile } from '../support/attachments';
import { EastRegion, OrgFactory, TestUser } from '../support/factories';
import { ADMIN_PASSWORD, API, createTestApp, TestApp } from '../support/test-app';
import type { Caller } from './attacker';
import type { JsonLike } from './json-text';

/** The people of OrgFactory.eastRegion(): wang and zhao under li, liu under sun, all under zhou. */
export type Person = keyof EastRegion;

/** A caller that holds roles: a signed-in user, or an integrator's API key. */
export interface RoleCaller extends Caller {
  roles: Role[];
  /** The user behind the caller; undefined for an API key. */
  userId?: string;
}

/** No credentials at all: the caller of a public route. */
export const ANONYMOUS: RoleCaller = { name: 'anonymous', roles: [], headers: {} };

/**
 * Everything the attack suite runs against: one app on a fresh database, the
 * east region's people, a caller for every role, and credentials that must
 * not work. Fixtures create their resources through it.
 */
export class World {
  private phoneSequence = 0;

  private constructor(
    readonly app: TestApp,
    readonly people: EastRegion,
    /** One caller per role: the people above, plus the directors, finance, a store manager and an API key. */
    readonly callers: RoleCaller[],
    /** Credentials that must get 401: none, malformed, forged, expired, revoked. */
    readonly badCredentials: Caller[],
    /** A playbook anyone may name, e.g. in a trigger rule. */
    readonly playbookId: string,
    /** The org unit of li's team (杭州工业配件组). */
    readonly teamId: string,
  ) {}

  static async create(): Promise<World> {
    // The suite signs tokens of its own (expired, for unknown users), so it chooses the secret.
    const jwtSecret = randomBytes(32).toString('hex');
    const app = await createTestApp({ JWT_SECRET: jwtSecret });
    // Listen once: supertest would otherwise open and close the server around every request.
    await app.running.app.listen(0, '127.0.0.1');
    const org = new OrgFactory(app);
    const people = await org.eastRegion();
    const teamId = await userOrgUnit(app, people.wang.id);
    const regionId = await userOrgUnit(app, people.zhou.id);
    const store = await org.orgUnit({ type: 'store', parentId: regionId });
    const others = await Promise.all(
      (['sales_director', 'ops_director', 'finance_bp'] as const).map(async (role) =>
        asCaller(role, [role], await org.user({ roles: [role], orgUnitId: regionId })),
      ),
    );
    const storeManager = asCaller(
      'store_manager',
      ['store_manager'],
      await org.user({ roles: ['store_manager'], orgUnitId: store }),
    );
    const integrator = await createApiKey(app, ['integrator']);
    const callers: RoleCaller[] = [
      { name: 'admin', roles: ['admin'], headers: { authorization: app.adminAuth } },
      ...others,
      asCaller('zhou', ['regional_director'], people.zhou),
      asCaller('li', ['supervisor'], people.li),
      storeManager,
      asCaller('wang', ['rep'], people.wang),
      {
        name: 'integrator API key',
        roles: ['integrator'],
        headers: { 'x-api-key': integrator.key },
      },
    ];
    const badCredentials = await forgeCredentials(app, jwtSecret, people.wang.id);
    const playbookId = await createPlaybook(app, people.li.auth);
    return new World(app, people, callers, badCredentials, playbookId, teamId);
  }

  /** The caller for one of the east region's people. */
  person(name: Person): RoleCaller {
    const roles: Record<Person, Role> = {
      zhou: 'regional_director',
      li: 'supervisor',
      sun: 'supervisor',
      wang: 'rep',
      zhao: 'rep',
      liu: 'rep',
    };
    return asCaller(name, [roles[name]], this.people[name]);
  }

  get admin(): RoleCaller {
    return this.callers.find((caller) => caller.roles.includes('admin'))!;
  }

  /** A mobile number no customer has yet. */
  nextPhone(): string {
    return `1390${String(++this.phoneSequence).padStart(7, '0')}`;
  }

  /** POSTs as `caller`; throws unless the answer is `expected`. */
  async post(
    caller: Caller,
    path: string,
    body: object,
    expected = 201,
  ): Promise<Record<string, unknown>> {
    const response = await this.app.api().post(`${API}${path}`).set(caller.headers).send(body);
    return expectStatus(response, expected, `POST ${path}`);
  }

  /** A customer owned by `owner` (a rep owns what it creates). */
  async createCustomer(owner: RoleCaller): Promise<string> {
    const customer = await this.post(owner, '/customers', {
      name: '宁波某阀门厂',
      phone: this.nextPhone(),
    });
    return customer.id as string;
  }

  /** A complete visit on the customer (see followUpBody), recorded by `author`. */
  async recordFollowUp(author: Caller, customerId: string, extra: object = {}): Promise<string> {
    const followUp = await this.post(author, `/customers/${customerId}/follow-ups`, {
      ...followUpBody(),
      ...extra,
    });
    return followUp.id as string;
  }

  /** An attachment uploaded by `uploader`. */
  async uploadAttachment(uploader: Caller): Promise<string> {
    const response = await this.app
      .api()
      .post(`${API}/attachments`)
      .set(uploader.headers)
      .attach('file', pdfFile(), '拜访纪要.pdf');
    return expectStatus(response, 201, 'POST /attachments').id as string;
  }
}

/** A follow-up that passes every evidence rule: a visit with its transcript and a next touch. */
export function followUpBody(): Record<string, JsonLike> {
  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  return {
    channel: 'visit',
    occurredAt: hoursFromNow(-2),
    summary: '拜访采购部王经理，对方认为报价比别家贵，希望账期改为月结。',
    transcript: [
      { at: hoursFromNow(-2), speaker: 'customer', text: '你们的价格比别家贵了不少。' },
      { at: hoursFromNow(-1.9), speaker: 'rep', text: '我们的交期可以保证两周到货。' },
    ],
    nextTouchAt: hoursFromNow(72),
    stage: 'contacted',
  };
}

function asCaller(name: string, roles: Role[], user: TestUser): RoleCaller {
  return {
    name: `${name} (${roles.join(', ')})`,
    roles,
    userId: user.id,
    headers: { authorization: user.auth },
  };
}

function expectStatus(
  response: { status: number; body: unknown; text: string },
  expected: number,
  what: string,
): Record<string, unknown> {
  if (response.status !== expected) {
    throw new Error(
      `Fixture setup: ${what} answered ${response.status}, not ${expected}: ${response.text}`,
    );
  }
  return response.body as Record<string, unknown>;
}

async function userOrgUnit(app: TestApp, userId: string): Promise<string> {
  const response = await app.get(`/users/${userId}`, app.adminAuth);
  return expectStatus(response, 200, 'GET /users/:id').orgUnitId as string;
}

export async function createApiKey(
  app: TestApp,
  roles: Role[],
): Promise<{ id: string; key: string }> {
  const response = await app.post('/api-keys', app.adminAuth, {
    name: `attack-${randomUUID()}`,
    roles,
  });
  return expectStatus(response, 201, 'POST /api-keys') as { id: string; key: string };
}

async function createPlaybook(app: TestApp, auth: string): Promise<string> {
  const response = await app.post('/playbooks', auth, {
    title: '阀门客户价格异议话术包',
    kind: 'script_pack',
    content: '## 价格异议\n先核对工况与材质，再算停机损失。',
  });
  return expectStatus(response, 201, 'POST /playbooks').id as string;
}

/** Tokens and keys that look real enough to reach the strategies, and must all get 401. */
async function forgeCredentials(app: TestApp, secret: string, userId: string): Promise<Caller[]> {
  const now = Math.floor(Date.now() / 1000);
  const revoked = await createApiKey(app, ['admin']);
  const revocation = await app
    .api()
    .delete(`${API}/api-keys/${revoked.id}`)
    .set('authorization', app.adminAuth);
  expectStatus(revocation, 204, 'DELETE /api-keys/:id');
  const bearer = (name: string, token: string): Caller => ({
    name,
    headers: { authorization: `Bearer ${token}` },
  });
  return [
    ANONYMOUS,
    bearer('a bearer token that is not a JWT', 'not-a-jwt'),
    bearer(
      'an unsigned JWT (alg none)',
      jwt({ alg: 'none', typ: 'JWT' }, { sub: userId, iat: now, exp: now + 3600 }, ''),
    ),
    bearer(
      'a JWT signed with another secret',
      jwt(HS256, { sub: userId, iat: now, exp: now + 3600 }, randomBytes(32).toString('hex')),
    ),
    bearer('an expired JWT', jwt(HS256, { sub: userId, iat: now - 7200, exp: now - 3600 }, secret)),
    bearer(
      'a JWT for a user that does not exist',
      jwt(HS256, { sub: randomUUID(), sid: randomUUID(), iat: now, exp: now + 3600 }, secret),
    ),
    bearer(
      "a JWT of wang's for a session that does not exist (or has ended)",
      jwt(HS256, { sub: userId, sid: randomUUID(), iat: now, exp: now + 3600 }, secret),
    ),
    bearer(
      'a JWT whose subject is not a UUID',
      jwt(HS256, { sub: "x' OR '1'='1", iat: now, exp: now + 3600 }, secret),
    ),
    {
      name: 'an unknown API key',
      headers: { 'x-api-key': `sk_${randomBytes(24).toString('hex')}` },
    },
    { name: 'a revoked API key', headers: { 'x-api-key': revoked.key } },
    {
      name: "the admin's own password as Basic credentials",
      headers: {
        authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
      },
    },
  ];
}

const HS256 = { alg: 'HS256', typ: 'JWT' };

function jwt(header: object, claims: object, secret: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}
