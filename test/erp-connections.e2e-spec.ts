import { randomBytes } from 'node:crypto';
import { AppConfig } from '../src/core/config/app-config';
import { CredentialCipher } from '../src/modules/erp-sync/connections/credential-cipher';
import { ErpCredentialsUnreadableError } from '../src/modules/erp-sync/connections/erp-connections.exception';
import { ErpAdapterSource } from '../src/modules/erp-sync/erp-adapter-source';
import { ErpSimulator, startErpSimulator } from '../tools/erp-simulator/simulator';
import { OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Connection {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  version: number;
  credentialsSetAt: string;
}

const K3_SECRET = 'Kd#2026!e2e-secret';
const U8_SECRET = 'u8-app-secret-e2e-0xC0FFEE';

const k3 = (baseUrl: string, overrides: object = {}) => ({
  name: '金蝶云星空（测试）',
  kind: 'k3cloud',
  baseUrl,
  credentials: { acctID: 'sim-acct', username: 'administrator', password: K3_SECRET },
  defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS' },
  active: false,
  ...overrides,
});

const u8 = (baseUrl: string, overrides: object = {}) => ({
  name: '用友 U8（测试）',
  kind: 'u8',
  baseUrl,
  credentials: {
    fromAccount: 'sim-from',
    toAccount: 'sim-to',
    appKey: 'sim-app-key',
    appSecret: U8_SECRET,
  },
  defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03' },
  active: false,
  ...overrides,
});

const sealedCredentials = async (on: TestApp, id: string) =>
  (
    await on.sql<{ credentials: string }>('SELECT credentials FROM erp_connections WHERE id = $1', [
      id,
    ])
  )[0].credentials;

describe('ERP connections', () => {
  let app: TestApp;
  let sim: ErpSimulator;
  let rep: TestUser;
  let director: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    sim = await startErpSimulator({
      port: 0,
      u8: { fromAccount: 'sim-from', appKey: 'sim-app-key', appSecret: U8_SECRET },
    });
    const east = await new OrgFactory(app).eastRegion();
    rep = east.wang;
    director = east.zhou;
  });
  afterAll(async () => {
    await sim.close();
    await app.close();
  });

  const create = async (body: object) =>
    (await app.post('/erp/connections', app.adminAuth, body).expect(201)).body as Connection;
  const activeIds = async () =>
    (await app.sql<{ id: string }>('SELECT id FROM erp_connections WHERE active')).map(
      (row) => row.id,
    );
  const source = () => app.running.app.get(ErpAdapterSource);

  it('creates, lists, reads and edits a connection, never showing its credentials', async () => {
    const created = await app.post('/erp/connections', app.adminAuth, k3(sim.url)).expect(201);
    const connection = created.body as Connection;
    expect(created.headers.location).toBe(`${API}/erp/connections/${connection.id}`);
    expect(connection).toMatchObject({
      name: '金蝶云星空（测试）',
      kind: 'k3cloud',
      baseUrl: sim.url,
      defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS' },
      active: false,
      timeoutMs: 15000,
      credentialsSetAt: expect.any(String),
      version: 1,
    });
    expect(connection).not.toHaveProperty('credentials');

    const read = await app.get(`/erp/connections/${connection.id}`, app.adminAuth).expect(200);
    expect(read.body).toEqual(connection);
    const list = await app.get('/erp/connections?limit=500', app.adminAuth).expect(200);
    expect(list.body.items).toContainEqual(connection);

    const renamed = await app
      .patch(
        `/erp/connections/${connection.id}`,
        app.adminAuth,
        { name: '金蝶（改名）', timeoutMs: 30000 },
        1,
      )
      .expect(200);
    expect(renamed.body).toMatchObject({ name: '金蝶（改名）', timeoutMs: 30000, version: 2 });
    expect(renamed.body.credentialsSetAt).toBe(connection.credentialsSetAt);

    const rotated = await app
      .patch(`/erp/connections/${connection.id}`, app.adminAuth, {
        credentials: { acctID: 'sim-acct', username: 'administrator', password: 'rotated-1' },
      })
      .expect(200);
    expect(rotated.body.version).toBe(3);
    expect(rotated.body.credentialsSetAt >= connection.credentialsSetAt).toBe(true);
    expect(rotated.body).not.toHaveProperty('credentials');
  });

  it('answers 403 to every role but admin', async () => {
    const { id } = await create(k3(sim.url));
    for (const user of [rep, director]) {
      await app.get('/erp/connections', user.auth).expect(403);
      await app.get(`/erp/connections/${id}`, user.auth).expect(403);
      await app.post('/erp/connections', user.auth, k3(sim.url)).expect(403);
      await app.patch(`/erp/connections/${id}`, user.auth, { name: 'x' }).expect(403);
    }
  });

  it('names each bad credentials and defaults field of a k3cloud connection, unknown ones too', async () => {
    const response = await app
      .post(
        '/erp/connections',
        app.adminAuth,
        k3(sim.url, {
          credentials: { acctID: 'sim-acct', username: '', appKey: 'x' },
          defaults: { billTypeNumber: 7 },
          baseUrl: 'ftp://erp.example.com',
          timeoutMs: 10,
        }),
      )
      .expect(400);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields.sort()).toEqual(
      [
        'baseUrl',
        'credentials.appKey',
        'credentials.password',
        'credentials.username',
        'defaults.billTypeNumber',
        'defaults.saleOrgNumber',
        'timeoutMs',
      ].sort(),
    );
  });

  it('names each bad field of a u8 connection, and checks a PATCH against the stored kind', async () => {
    const response = await app
      .post(
        '/erp/connections',
        app.adminAuth,
        u8(sim.url, {
          credentials: { fromAccount: 'a', toAccount: 'b', appKey: 'c', password: 'd' },
          defaults: { businesstype: '普通销售', typecode: '01' },
        }),
      )
      .expect(400);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields.sort()).toEqual(
      ['credentials.appSecret', 'credentials.password', 'defaults.deptcode'].sort(),
    );

    const { id } = await create(u8(sim.url));
    const patched = await app
      .patch(`/erp/connections/${id}`, app.adminAuth, {
        credentials: { acctID: 'a', username: 'b', password: 'c' },
      })
      .expect(400);
    expect((patched.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(
      [
        'credentials.acctID',
        'credentials.appKey',
        'credentials.appSecret',
        'credentials.fromAccount',
        'credentials.password',
        'credentials.toAccount',
        'credentials.username',
      ].sort(),
    );
  });

  it('refuses another kind on PATCH (422 ERP_KIND_IMMUTABLE) and accepts the same one', async () => {
    const { id } = await create(u8(sim.url));
    const refused = await app
      .patch(`/erp/connections/${id}`, app.adminAuth, { kind: 'k3cloud' })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'ERP_KIND_IMMUTABLE',
      errors: [{ field: 'kind' }],
    });
    await app
      .patch(`/erp/connections/${id}`, app.adminAuth, { kind: 'u8', name: '用友' })
      .expect(200);
  });

  it('answers in Chinese for zh-CN', async () => {
    const { id } = await create(u8(sim.url));
    const invalid = await app
      .post('/erp/connections', app.adminAuth, k3(sim.url, { credentials: { acctID: 'a' } }))
      .set('accept-language', 'zh-CN')
      .expect(400);
    expect(invalid.body.errors).toContainEqual({
      field: 'credentials.password',
      message: 'password 为必填项',
    });
    const kind = await app
      .patch(`/erp/connections/${id}`, app.adminAuth, { kind: 'k3cloud' })
      .set('accept-language', 'zh-CN')
      .expect(422);
    expect(kind.body.detail).toContain('连接的类型不能更改');
    const url = await app
      .post('/erp/connections', app.adminAuth, k3('not a url'))
      .set('accept-language', 'zh-CN')
      .expect(400);
    expect(url.body.errors).toContainEqual({
      field: 'baseUrl',
      message: 'baseUrl 必须是 http 或 https 地址，且不含用户名和密码',
    });
  });

  it('keeps the credentials out of every answer, the audit trail and the database text', async () => {
    const { id } = await create(k3(sim.url));
    await app
      .patch(`/erp/connections/${id}`, app.adminAuth, {
        credentials: { acctID: 'sim-acct', username: 'administrator', password: K3_SECRET },
      })
      .expect(200);
    const u = await create(u8(sim.url));
    const answers = [
      await app.get('/erp/connections?limit=500', app.adminAuth).expect(200),
      await app.get(`/erp/connections/${id}`, app.adminAuth).expect(200),
      await app.get(`/audit-events?entity=erp_connection&limit=500`, app.adminAuth).expect(200),
    ];
    for (const answer of answers) {
      expect(answer.text).not.toContain(K3_SECRET);
      expect(answer.text).not.toContain(U8_SECRET);
      expect(answer.text).not.toContain('"credentials"');
    }
    const events = answers[2].body.items as { entityId: string; action: string; data: object }[];
    expect(events).toContainEqual(
      expect.objectContaining({
        entityId: id,
        action: 'updated',
        data: expect.objectContaining({ credentialsReplaced: true }),
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ entityId: u.id, action: 'created' }));
    const [row] = await app.sql<{ text: string }>(
      'SELECT to_jsonb(c)::text AS text FROM erp_connections c WHERE id = $1',
      [id],
    );
    expect(row.text).not.toContain(K3_SECRET);
    expect(row.text).not.toContain('administrator');
    const [audit] = await app.sql<{ text: string }>(
      "SELECT coalesce(string_agg(data::text, ' '), '') AS text FROM audit_events WHERE entity = 'erp_connection'",
    );
    expect(audit.text).not.toContain(K3_SECRET);
    expect(audit.text).not.toContain(U8_SECRET);
  });

  it('keeps one connection active: activating one deactivates the others', async () => {
    const first = await create(k3(sim.url, { active: true }));
    expect(await activeIds()).toEqual([first.id]);
    const second = await create(u8(sim.url, { active: true }));
    expect(await activeIds()).toEqual([second.id]);
    const displaced = await app.get(`/erp/connections/${first.id}`, app.adminAuth).expect(200);
    expect(displaced.body).toMatchObject({ active: false, version: 2 });

    await app.patch(`/erp/connections/${first.id}`, app.adminAuth, { active: true }, 2).expect(200);
    expect(await activeIds()).toEqual([first.id]);
    const events = await app
      .get(`/audit-events?entity=erp_connection&entityId=${second.id}`, app.adminAuth)
      .expect(200);
    expect(events.body.items).toContainEqual(
      expect.objectContaining({
        action: 'deactivated',
        data: expect.objectContaining({ after: { active: false } }),
      }),
    );
  });

  it('leaves exactly one active under concurrent activations', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, () => create(k3(sim.url))));
    const answers = await Promise.all([
      ...ids.map(({ id }) => app.patch(`/erp/connections/${id}`, app.adminAuth, { active: true })),
      ...Array.from({ length: 4 }, () =>
        app.post('/erp/connections', app.adminAuth, u8(sim.url, { active: true })),
      ),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      200, 200, 200, 200, 201, 201, 201, 201,
    ]);
    expect(await activeIds()).toHaveLength(1);
  });

  it('answers 409 STALE_VERSION to a stale If-Match, and 404 to an unknown id', async () => {
    const { id } = await create(k3(sim.url));
    await app.patch(`/erp/connections/${id}`, app.adminAuth, { name: 'a' }, 1).expect(200);
    const stale = await app
      .patch(`/erp/connections/${id}`, app.adminAuth, { name: 'b' }, 1)
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    await app
      .get('/erp/connections/00000000-0000-4000-8000-000000000000', app.adminAuth)
      .expect(404);
  });

  it('seals the credentials under a key derived from JWT_SECRET when ERP_SECRET is unset', async () => {
    const { id } = await create(k3(sim.url));
    const jwtSecret = app.running.app.get(AppConfig).jwtSecret!;
    expect(new CredentialCipher(jwtSecret).open(await sealedCredentials(app, id))).toMatchObject({
      password: K3_SECRET,
    });
  });

  describe('ErpAdapterSource', () => {
    it('gives the active connection an adapter that talks to the ERP, reused until it changes', async () => {
      sim.reset();
      sim.seed({ materials: [{ code: 'VLV-DN50', stock: { CK001: '10', CK002: '2.5' } }] });
      const { id } = await create(
        k3(sim.url, {
          active: true,
          credentials: { acctID: 'sim-acct', username: 'administrator', password: 'sim-password' },
        }),
      );
      const connected = await source().active();
      expect(connected).toMatchObject({ connectionId: id, kind: 'k3cloud' });
      expect(await connected!.adapter.fetchStock(['VLV-DN50'])).toEqual([
        { sku: 'VLV-DN50', quantity: '12.5' },
      ]);
      const again = await source().active();
      expect(again!.adapter).toBe(connected!.adapter);
      await again!.adapter.fetchStock(['VLV-DN50']);
      expect(sim.stats().k3Logins).toBe(1);

      await app.patch(`/erp/connections/${id}`, app.adminAuth, { name: '金蝶（新）' }).expect(200);
      const rebuilt = await source().byId(id);
      expect(rebuilt).toMatchObject({ name: '金蝶（新）' });
      expect(rebuilt!.adapter).not.toBe(connected!.adapter);
    });

    it('builds a U8 adapter from its decrypted credentials, and answers null for no connection', async () => {
      sim.reset();
      sim.seed({ materials: [{ code: 'BRG-6205', stock: '400' }] });
      const { id } = await create(u8(sim.url));
      const connected = await source().byId(id);
      expect(connected?.kind).toBe('u8');
      expect(await connected!.adapter.fetchStock(['BRG-6205'])).toEqual([
        { sku: 'BRG-6205', quantity: '400' },
      ]);
      expect(await source().byId('00000000-0000-4000-8000-000000000000')).toBeNull();
      await app.sql('UPDATE erp_connections SET active = false');
      expect(await source().active()).toBeNull();
    });

    it('says so when the credentials no longer open (the secret changed), naming the connection', async () => {
      const { id } = await create(k3(sim.url));
      const foreign = new CredentialCipher(randomBytes(32).toString('hex')).seal({ password: 'x' });
      await app.sql(
        'UPDATE erp_connections SET credentials = $2, version = version + 1 WHERE id = $1',
        [id, foreign],
      );
      const failure = source().byId(id);
      await expect(failure).rejects.toThrow(ErpCredentialsUnreadableError);
      await expect(source().byId(id)).rejects.toThrow(`ERP connection ${id}`);
    });
  });
});

// Its own app, after the other closed: two apps at once in one process share passport's strategies.
describe('ERP connections under ERP_SECRET', () => {
  const erpSecret = randomBytes(32).toString('hex');
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ ERP_SECRET: erpSecret });
  });
  afterAll(() => app.close());

  it('seals the credentials under a key derived from ERP_SECRET, not JWT_SECRET', async () => {
    const created = await app
      .post('/erp/connections', app.adminAuth, k3('http://127.0.0.1:4010'))
      .expect(201);
    const sealed = await sealedCredentials(app, (created.body as Connection).id);
    expect(new CredentialCipher(erpSecret).open(sealed)).toMatchObject({ password: K3_SECRET });
    const jwtSecret = app.running.app.get(AppConfig).jwtSecret!;
    expect(() => new CredentialCipher(jwtSecret).open(sealed)).toThrow();
  });
});
