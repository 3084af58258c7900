import { OrgFactory } from './support/factories';
import { createTestApp, TestApp, withClient } from './support/test-app';

describe('audit trail', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    const regionId = await org.orgUnit({ type: 'region', name: '华东大区' });
    await org.user({ roles: ['rep'], orgUnitId: regionId });
  });
  afterAll(() => app.close());

  const verify = async () =>
    (await app.get('/audit-events/verify', app.adminAuth).expect(200)).body;

  it('records changes as a hash chain and verifies it', async () => {
    const events = await app.get('/audit-events', app.adminAuth).expect(200);
    expect(
      events.body.items.map(
        (event: { entity: string; action: string }) => `${event.entity}:${event.action}`,
      ),
    ).toEqual(['org_unit:created', 'user:created']);
    const [first, second] = events.body.items;
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(await verify()).toEqual({ ok: true, checked: 2 });
  });

  it('filters by entity and entity id and pages with a cursor', async () => {
    const [{ id }] = await app.sql<{ id: string }>(
      `SELECT id FROM org_units WHERE name = '华东大区'`,
    );
    const byEntity = await app
      .get(`/audit-events?entity=org_unit&entityId=${id}`, app.adminAuth)
      .expect(200);
    expect(byEntity.body.items).toHaveLength(1);
    const firstPage = await app.get('/audit-events?limit=1', app.adminAuth).expect(200);
    const secondPage = await app
      .get(`/audit-events?limit=1&cursor=${firstPage.body.nextCursor}`, app.adminAuth)
      .expect(200);
    expect(secondPage.body.items[0].seq).toBeGreaterThan(firstPage.body.items[0].seq);
  });

  it('rejects UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(app.sql(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('does not fork the chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        app.post('/org-units', app.adminAuth, { name: `门店${index}`, type: 'store' }).expect(201),
      ),
    );
    const result = await verify();
    expect(result).toEqual({ ok: true, checked: 22 });
    const [{ forks }] = await app.sql<{ forks: number }>(
      'SELECT count(*)::int - count(DISTINCT prev_hash)::int AS forks FROM audit_events',
    );
    expect(forks).toBe(0);
  });

  it('chains the several events of one transaction together, beside concurrent writers', async () => {
    const org = new OrgFactory(app);
    const orgUnitId = await org.orgUnit({ type: 'store', name: '苏州门店' });
    const [leaver, heir] = await Promise.all([
      org.user({ roles: ['rep'], orgUnitId }),
      org.user({ roles: ['rep'], orgUnitId }),
    ]);
    for (const [index, name] of ['苏州精工', '无锡华润', '常州恒力'].entries()) {
      await app
        .post('/customers', app.adminAuth, {
          name: `${name}机械有限公司`,
          phone: `1391234000${index}`,
          ownerId: leaver.id,
        })
        .expect(201);
    }
    await Promise.all([
      app.post(`/users/${leaver.id}/handover`, app.adminAuth, { toUserId: heir.id }).expect(200),
      ...Array.from({ length: 5 }, (_, index) =>
        app.post('/org-units', app.adminAuth, { name: `仓库${index}`, type: 'store' }).expect(201),
      ),
    ]);
    const transfers = await app.sql<{ seq: string }>(
      `SELECT seq::text FROM audit_events WHERE entity = 'customer' AND action = 'transferred' ORDER BY seq`,
    );
    expect(transfers).toHaveLength(3);
    expect(Number(transfers[2].seq) - Number(transfers[0].seq)).toBe(2); // one batch, in a row
    expect((await verify()).ok).toBe(true);
  });

  it('detects a row altered behind the app’s back', async () => {
    // A DBA with the trigger disabled can rewrite a row; the chain still tells.
    await withClient(app.databaseUrl, async (client) => {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await client.query(
        `UPDATE audit_events SET data = jsonb_set(data, '{name}', '"改过的名字"') WHERE seq = 3`,
      );
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
      await client.query('COMMIT');
    });
    expect(await verify()).toEqual({ ok: false, checked: 2, firstBadSeq: 3 });
  });

  it('is readable only by audit roles', async () => {
    const org = new OrgFactory(app);
    const rep = await org.user({ roles: ['rep'], orgUnitId: await org.orgUnit({ type: 'team' }) });
    await app.get('/audit-events/verify', rep.auth).expect(403);
  });
});
