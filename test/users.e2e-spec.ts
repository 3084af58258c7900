import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

interface UserBody {
  id: string;
  version: number;
  roles: string[];
  supervisorId: string | null;
  active: boolean;
}

/** People change jobs and leave (API.md §2): edits, passwords, and handover. */
describe('users', () => {
  let app: TestApp;
  let org: OrgFactory;
  let u: EastRegion;
  let teamId: string;

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
    u = await org.eastRegion();
    [{ id: teamId }] = await app.sql<{ id: string }>(
      `SELECT id FROM org_units WHERE name = '杭州工业配件组'`,
    );
  });
  afterAll(() => app.close());

  const signIn = async (user: TestUser, password = user.password): Promise<Tokens> =>
    (
      await app
        .api()
        .post(`${API}/auth/login`)
        .send({ username: user.username, password })
        .expect(200)
    ).body as Tokens;
  const bearer = (tokens: Tokens) => `Bearer ${tokens.accessToken}`;
  const refresh = (tokens: Tokens) =>
    app.api().post(`${API}/auth/refresh`).send({ refreshToken: tokens.refreshToken });
  const newRep = () => org.user({ roles: ['rep'], orgUnitId: teamId });
  const getUser = async (id: string) =>
    (await app.get(`/users/${id}`, app.adminAuth).expect(200)).body as UserBody;

  describe('PATCH /users/:id', () => {
    it('changes name, roles and supervisor with If-Match, audits it, and refuses a stale version', async () => {
      const rep = await newRep();
      const before = await getUser(rep.id);
      const changed = await app
        .patch(
          `/users/${rep.id}`,
          app.adminAuth,
          { displayName: '王磊（调岗）', roles: ['store_manager'], supervisorId: u.sun.id },
          before.version,
        )
        .expect(200);
      expect(changed.body).toMatchObject({
        id: rep.id,
        displayName: '王磊（调岗）',
        roles: ['store_manager'],
        supervisorId: u.sun.id,
        version: before.version + 1,
      });

      const stale = await app
        .patch(`/users/${rep.id}`, app.adminAuth, { displayName: '过期' }, before.version)
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'STALE_VERSION',
        currentVersion: before.version + 1,
      });

      const events = await app.sql<{ action: string; data: unknown }>(
        `SELECT action, data FROM audit_events
         WHERE entity = 'user' AND entity_id = $1 AND action <> 'created'`,
        [rep.id],
      );
      expect(events).toEqual([
        {
          action: 'updated',
          data: {
            before: { displayName: expect.any(String), roles: ['rep'], supervisorId: null },
            after: {
              displayName: '王磊（调岗）',
              roles: ['store_manager'],
              supervisorId: u.sun.id,
            },
          },
        },
      ]);
    });

    it('answers a supervisor that would make a loop with 422', async () => {
      // li reports to zhou: making zhou report to li, or to wang below li, closes a loop.
      for (const supervisorId of [u.li.id, u.wang.id, u.zhou.id]) {
        const response = await app
          .patch(`/users/${u.zhou.id}`, app.adminAuth, { supervisorId })
          .expect(422);
        expect(response.body).toMatchObject({
          code: 'SUPERVISOR_LOOP',
          errors: [{ field: 'supervisorId', message: expect.any(String) }],
        });
      }
      expect((await getUser(u.zhou.id)).supervisorId).toBeNull();
    });

    it('is for admins only, and answers an unknown user with 404', async () => {
      await app.patch(`/users/${u.wang.id}`, u.li.auth, { displayName: 'x' }).expect(403);
      await app
        .patch('/users/00000000-0000-4000-8000-000000000000', app.adminAuth, { displayName: 'x' })
        .expect(404);
    });

    it('deactivates at once: the access token and refresh token stop working', async () => {
      const rep = await newRep();
      const tokens = await signIn(rep);
      await app.get('/users/me', bearer(tokens)).expect(200);
      await app.patch(`/users/${rep.id}`, app.adminAuth, { active: false }).expect(200);
      await app.get('/users/me', bearer(tokens)).expect(401);
      await refresh(tokens).expect(401);
      await app
        .api()
        .post(`${API}/auth/login`)
        .send({ username: rep.username, password: rep.password })
        .expect(401);
    });

    it('removes a role at once: the next request gets 403', async () => {
      const supervisor = await org.user({ roles: ['supervisor', 'rep'], orgUnitId: teamId });
      const tokens = await signIn(supervisor);
      await app.get(`/users/${u.wang.id}`, bearer(tokens)).expect(404);
      const handover = () =>
        app.post(`/users/${u.wang.id}/handover`, bearer(tokens), { toUserId: supervisor.id });
      await handover().expect(404);
      await app.patch(`/users/${supervisor.id}`, app.adminAuth, { roles: ['rep'] }).expect(200);
      await handover().expect(403);
    });

    it('keeps the last active admin', async () => {
      const [{ id }] = await app.sql<{ id: string }>(
        `SELECT id FROM users WHERE username = 'admin'`,
      );
      const response = await app
        .patch(`/users/${id}`, app.adminAuth, { roles: ['rep'] })
        .expect(422);
      expect(response.body.code).toBe('LAST_ADMIN');
    });
  });

  describe('passwords', () => {
    it("changes one's own password: the other sessions end, the caller's goes on", async () => {
      const rep = await newRep();
      const phone = await signIn(rep);
      const laptop = await signIn(rep);
      const newPassword = 'a-new-password-2026';
      await app
        .post('/users/me/password', bearer(laptop), { currentPassword: rep.password, newPassword })
        .expect(204);

      // The phone's session has ended: its access token at once, through the principal cache.
      await app.get('/users/me', bearer(phone)).expect(401);
      await refresh(phone).expect(401);
      // The laptop's session goes on, and refreshes.
      await app.get('/users/me', bearer(laptop)).expect(200);
      const rotated = (await refresh(laptop).expect(200)).body as Tokens;
      await app.get('/users/me', bearer(rotated)).expect(200);

      await app
        .api()
        .post(`${API}/auth/login`)
        .send({ username: rep.username, password: rep.password })
        .expect(401);
      await signIn(rep, newPassword);
      const [hash] = await app.sql<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [rep.id],
      );
      expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses a wrong current password with 422 and changes nothing', async () => {
      const rep = await newRep();
      const response = await app
        .post('/users/me/password', rep.auth, {
          currentPassword: 'not-my-password',
          newPassword: 'a-new-password-2026',
        })
        .expect(422);
      expect(response.body.code).toBe('WRONG_CURRENT_PASSWORD');
      await signIn(rep);
    });

    it("lets an admin set a user's password, which ends all the user's sessions", async () => {
      const rep = await newRep();
      const tokens = await signIn(rep);
      await app
        .post(`/users/${rep.id}/password`, app.adminAuth, { newPassword: 'set-by-admin-2026' })
        .expect(204);
      await app.get('/users/me', bearer(tokens)).expect(401);
      await refresh(tokens).expect(401);
      await signIn(rep, 'set-by-admin-2026');
      // The admin's own session is untouched.
      await app.get('/users/me', app.adminAuth).expect(200);
      await app
        .post(`/users/${rep.id}/password`, u.li.auth, { newPassword: 'set-by-li-2026' })
        .expect(403);
    });
  });

  describe('handover (离职交接)', () => {
    let phoneSeq = 0;
    const nextPhone = () => `+86139${String(10_000_000 + ++phoneSeq).slice(-8)}`;

    async function customerOf(owner: TestUser): Promise<string> {
      const response = await app
        .post('/customers', owner.auth, { name: '交接客户', phone: nextPhone(), segment: 'b2b' })
        .expect(201);
      return (response.body as { id: string }).id;
    }

    async function todoOn(customerId: string, assigneeId: string, status: string) {
      const [row] = await app.sql<{ id: string }>(
        `INSERT INTO todos (type, assignee_id, customer_id, title, payload, status)
         VALUES ('silent_period', $1, $2, '客户沉默', '{}', $3) RETURNING id`,
        [assigneeId, customerId, status],
      );
      return row.id;
    }

    const owners = (ids: string[]) =>
      app.sql<{ id: string; ownerId: string }>(
        'SELECT id, owner_id AS "ownerId" FROM customers WHERE id = ANY ($1) ORDER BY id',
        [ids],
      );

    it("moves the leaver's customers with their open todos, audited, once", async () => {
      const leaver = await org.user({ roles: ['rep'], orgUnitId: teamId, supervisorId: u.li.id });
      const heir = u.zhao;
      const customers = [await customerOf(leaver), await customerOf(leaver)];
      const otherCustomer = await customerOf(u.wang);
      const open = await todoOn(customers[0], leaver.id, 'open');
      const done = await todoOn(customers[1], leaver.id, 'done');
      const unrelated = await todoOn(otherCustomer, u.wang.id, 'open');

      const moved = await app
        .post(`/users/${leaver.id}/handover`, u.li.auth, { toUserId: heir.id })
        .expect(200);
      expect(moved.body).toEqual({ customers: 2, todos: 1, quotes: 0, tickets: 0 });

      expect(await owners(customers)).toEqual(
        customers.sort().map((id) => ({ id, ownerId: heir.id })),
      );
      const todos = await app.sql<{ id: string; assigneeId: string }>(
        'SELECT id, assignee_id AS "assigneeId" FROM todos WHERE id = ANY ($1) ORDER BY id',
        [[open, done, unrelated]],
      );
      expect(new Map(todos.map((todo) => [todo.id, todo.assigneeId]))).toEqual(
        new Map([
          [open, heir.id],
          [done, leaver.id],
          [unrelated, u.wang.id],
        ]),
      );

      const transfers = await app.sql<{ entityId: string; actorId: string; data: unknown }>(
        `SELECT entity_id AS "entityId", actor_id AS "actorId", data FROM audit_events
         WHERE entity = 'customer' AND action = 'transferred' AND entity_id = ANY ($1)`,
        [customers],
      );
      expect(transfers).toHaveLength(2);
      for (const transfer of transfers) {
        expect(transfer).toMatchObject({
          actorId: u.li.id,
          data: { fromUserId: leaver.id, toUserId: heir.id },
        });
      }

      const again = await app
        .post(`/users/${leaver.id}/handover`, u.li.auth, { toUserId: heir.id })
        .expect(200);
      expect(again.body).toEqual({ customers: 0, todos: 0, quotes: 0, tickets: 0 });
    });

    it("answers a supervisor outside the user's chain with 404, and moves nothing", async () => {
      const customer = await customerOf(u.wang);
      const response = await app
        .post(`/users/${u.wang.id}/handover`, u.sun.auth, { toUserId: u.liu.id })
        .expect(404);
      expect(response.body.code).toBe('NOT_FOUND');
      expect(await owners([customer])).toEqual([{ id: customer, ownerId: u.wang.id }]);
    });

    it('refuses an heir outside the scope, or the leaver itself, with 422', async () => {
      const outside = await app
        .post(`/users/${u.wang.id}/handover`, u.li.auth, { toUserId: u.liu.id })
        .expect(422);
      expect(outside.body.code).toBe('OWNER_OUT_OF_SCOPE');
      const self = await app
        .post(`/users/${u.wang.id}/handover`, app.adminAuth, { toUserId: u.wang.id })
        .expect(422);
      expect(self.body.code).toBe('HANDOVER_TO_SELF');
    });

    it('is refused to a rep with 403', async () => {
      await app
        .post(`/users/${u.zhao.id}/handover`, u.wang.auth, { toUserId: u.wang.id })
        .expect(403);
    });
  });
});
