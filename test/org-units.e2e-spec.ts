import { OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface OrgUnitBody {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
  version: number;
}

/** Org units change as the organisation does (API.md §2: PATCH /org-units/:id). */
describe('org units', () => {
  let app: TestApp;
  let org: OrgFactory;

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
  });
  afterAll(() => app.close());

  const unit = async (id: string) =>
    (
      await app.sql<OrgUnitBody>(
        `SELECT id, name, parent_id AS "parentId", manager_id AS "managerId", version
         FROM org_units WHERE id = $1`,
        [id],
      )
    )[0];

  it('renames, moves and re-manages a unit with If-Match, audits it, and refuses a stale version', async () => {
    const east = await org.orgUnit({ type: 'region', name: '华东大区' });
    const south = await org.orgUnit({ type: 'region', name: '华南大区' });
    const team = await org.orgUnit({ type: 'team', name: '杭州工业配件组', parentId: east });
    const manager = await org.user({ roles: ['supervisor'], orgUnitId: team });

    const changed = await app
      .patch(
        `/org-units/${team}`,
        app.adminAuth,
        { name: '广州工业配件组', parentId: south, managerId: manager.id },
        1,
      )
      .expect(200);
    expect(changed.body).toMatchObject({
      id: team,
      name: '广州工业配件组',
      type: 'team',
      parentId: south,
      managerId: manager.id,
      version: 2,
    });

    const stale = await app
      .patch(`/org-units/${team}`, app.adminAuth, { name: '过期的名字' }, 1)
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect((await unit(team)).name).toBe('广州工业配件组');

    // null detaches: the team becomes a top unit without a manager.
    await app
      .patch(`/org-units/${team}`, app.adminAuth, { parentId: null, managerId: null }, 2)
      .expect(200);
    expect(await unit(team)).toMatchObject({ parentId: null, managerId: null, version: 3 });

    const events = await app.sql<{ action: string; data: { after: object } }>(
      `SELECT action, data FROM audit_events WHERE entity = 'org_unit' AND entity_id = $1
       ORDER BY seq`,
      [team],
    );
    expect(events.map((event) => [event.action, event.data.after])).toEqual([
      ['created', undefined],
      ['updated', { name: '广州工业配件组', parentId: south, managerId: manager.id }],
      ['updated', { parentId: null, managerId: null }],
    ]);
  });

  it('answers a parent that would make a loop with 422', async () => {
    const region = await org.orgUnit({ type: 'region' });
    const team = await org.orgUnit({ type: 'team', parentId: region });
    const store = await org.orgUnit({ type: 'store', parentId: team });
    // The unit itself, its child, and its grandchild all lie inside it.
    for (const parentId of [region, team, store]) {
      const response = await app
        .patch(`/org-units/${region}`, app.adminAuth, { parentId })
        .expect(422);
      expect(response.body).toMatchObject({
        code: 'ORG_UNIT_LOOP',
        errors: [{ field: 'parentId', message: expect.any(String) }],
      });
    }
    expect((await unit(region)).parentId).toBeNull();
  });

  it('refuses unknown references, a null name, non-admins and unknown units', async () => {
    const team = await org.orgUnit({ type: 'team' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const badParent = await app
      .patch(`/org-units/${team}`, app.adminAuth, { parentId: unknown })
      .expect(400);
    expect(badParent.body.code).toBe('UNKNOWN_REFERENCE');
    await app.patch(`/org-units/${team}`, app.adminAuth, { name: null }).expect(400);
    await app.patch(`/org-units/${team}`, app.adminAuth, { type: 'store' }).expect(400);
    const rep = await org.user({ roles: ['rep'], orgUnitId: team });
    await app.patch(`/org-units/${team}`, rep.auth, { name: 'x' }).expect(403);
    await app.patch(`/org-units/${unknown}`, app.adminAuth, { name: 'x' }).expect(404);
  });
});
