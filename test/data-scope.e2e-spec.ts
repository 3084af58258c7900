import { OrgFactory, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The tree:            华东大区 (region, director zhou)       华南大区 (region, director lin)
 *                       ├── 杭州组 (team): supervisor li → reps wang, zhao
 *                       └── 西湖店 (store): store manager wu → rep xu
 * Users stand in for owners: a caller sees the users it could see customers of.
 */
describe('data scope', () => {
  let app: TestApp;
  const users: Record<string, TestUser> = {};

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    const east = await org.orgUnit({ type: 'region', name: '华东大区' });
    const south = await org.orgUnit({ type: 'region', name: '华南大区' });
    const team = await org.orgUnit({ type: 'team', name: '杭州组', parentId: east });
    const store = await org.orgUnit({ type: 'store', name: '西湖店', parentId: east });
    users.director = await org.user({ roles: ['sales_director'], orgUnitId: east });
    users.zhou = await org.user({ roles: ['regional_director'], orgUnitId: east });
    users.lin = await org.user({ roles: ['regional_director'], orgUnitId: south });
    users.li = await org.user({
      roles: ['supervisor'],
      orgUnitId: team,
      supervisorId: users.zhou.id,
    });
    users.wang = await org.user({ roles: ['rep'], orgUnitId: team, supervisorId: users.li.id });
    users.zhao = await org.user({ roles: ['rep'], orgUnitId: team, supervisorId: users.li.id });
    users.wu = await org.user({ roles: ['store_manager'], orgUnitId: store });
    users.xu = await org.user({ roles: ['rep'], orgUnitId: store, supervisorId: users.wu.id });
    users.southRep = await org.user({
      roles: ['rep'],
      orgUnitId: south,
      supervisorId: users.lin.id,
    });
  });
  afterAll(() => app.close());

  const visible = async (caller: string) => {
    const response = await app.get('/users?limit=500', users[caller].auth).expect(200);
    const ids = new Set((response.body.items as { id: string }[]).map((user) => user.id));
    return Object.keys(users)
      .filter((name) => ids.has(users[name].id))
      .sort();
  };

  it('shows a rep only itself', async () => {
    expect(await visible('wang')).toEqual(['wang']);
  });

  it('shows a supervisor its chain, and a store manager its own', async () => {
    expect(await visible('li')).toEqual(['li', 'wang', 'zhao']);
    expect(await visible('wu')).toEqual(['wu', 'xu']);
  });

  it('shows a regional director every user in its region’s subtree', async () => {
    expect(await visible('zhou')).toEqual(['director', 'li', 'wang', 'wu', 'xu', 'zhao', 'zhou']);
    expect(await visible('lin')).toEqual(['lin', 'southRep']);
  });

  it('shows a sales director everyone', async () => {
    expect(await visible('director')).toEqual(Object.keys(users).sort());
  });

  it('answers 404, not 403, for a user outside the scope', async () => {
    const outside = await app.get(`/users/${users.southRep.id}`, users.li.auth).expect(404);
    expect(outside.body.code).toBe('NOT_FOUND');
    await app.get(`/users/${users.wang.id}`, users.li.auth).expect(200);
  });

  it('returns the caller from /users/me', async () => {
    const me = await app.get('/users/me', users.xu.auth).expect(200);
    expect(me.body).toMatchObject({ id: users.xu.id, roles: ['rep'], supervisorId: users.wu.id });
    expect(me.body).not.toHaveProperty('passwordHash');
  });
});
