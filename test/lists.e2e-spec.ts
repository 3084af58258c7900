import { Client } from 'pg';
import { EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every list sorts, pages and syncs through one helper (API.md §0 "Lists"):
 * `?sort=` with the route's keys, keyset cursors bound to their sort,
 * any-of filters, and `?updatedSince=` that loses no row while it pages.
 */

interface Item {
  id: string;
  seq?: number;
  name?: string;
  city?: string | null;
  updatedAt?: string;
}
interface PageBody {
  items: Item[];
  nextCursor: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The sync horizon trails the clock by a second (see sync-horizon.ts). */
const PAST_HORIZON_MS = 1_200;
const idOf = (item: Item) => item.id ?? String(item.seq);

describe('lists', () => {
  let app: TestApp;
  let u: EastRegion;
  let admin: string;
  let wangCustomer: string;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    admin = app.adminAuth;
    await seed();
  });
  afterAll(() => app.close());

  /** Rows with ties on every sort key, so that paging must use the id. */
  async function seed(): Promise<void> {
    const names = ['bravo', 'alpha', 'alpha', 'charlie', 'alpha', 'bravo', 'delta'];
    const stages = ['lead', 'contacted', 'quoted', 'won', 'lead', 'contacted', 'lost'];
    const touched = [
      null,
      '2026-11-01T08:00:00Z',
      '2026-11-01T08:00:00Z',
      null,
      '2026-11-02T08:00:00Z',
      null,
      '2026-11-01T08:00:00Z',
    ];
    for (const [i, name] of names.entries()) {
      await app.sql(
        `INSERT INTO customers (name, phone, stage, last_interaction_at) VALUES ($1, $2, $3, $4)`,
        [name, `+861380000${String(1000 + i)}`, stages[i], touched[i]],
      );
    }
    const dueAt = [
      null,
      '2026-12-20T08:00:00Z',
      '2026-12-20T08:00:00Z',
      '2026-12-10T08:00:00Z',
      null,
    ];
    for (const [i, due] of dueAt.entries()) {
      await app.sql(
        `INSERT INTO todos (type, assignee_id, title, payload, due_at, status)
         VALUES ('silent_period', $1, $2, '{}', $3, $4)`,
        [u.wang.id, `todo ${i}`, due, i % 2 ? 'done' : 'open'],
      );
    }
    wangCustomer = (
      await app.post('/customers', u.wang.auth, { name: 'echo', phone: '13900001111' }).expect(201)
    ).body.id;
    for (const hoursAgo of [3, 3, 2, 5]) {
      const occurredAt = new Date(Date.UTC(2026, 10, 20, 12 - hoursAgo)).toISOString();
      await app
        .post(`/customers/${wangCustomer}/follow-ups`, u.wang.auth, {
          channel: 'wechat',
          occurredAt,
          summary: '微信沟通报价细节，客户希望下周再谈。',
          nextTouchAt: '2026-12-30T08:00:00Z',
        })
        .expect(201);
    }
    let playbookId = '';
    for (const [i, title] of ['beta', 'alpha', 'beta', 'gamma'].entries()) {
      const kind = i % 2 ? 'faq' : 'script_pack';
      const body = { title, kind, content: `内容 ${i}` };
      playbookId = (await app.post('/playbooks', admin, body).expect(201)).body.id;
    }
    for (const name of ['rule b', 'rule a', 'rule b']) {
      await app
        .post('/trigger-rules', admin, {
          name,
          signalType: 'web_visit',
          growthPct: 50,
          windowDays: 7,
          playbookId,
        })
        .expect(201);
    }
  }

  /** Every item of `path` in `sort`, page by page, `limit` at a time. */
  async function pageThrough(path: string, auth: string, limit: number): Promise<Item[][]> {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const query = `${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await app.get(`${path}${query}`, auth).expect(200)).body as PageBody;
      pages.push(body.items);
      cursor = body.nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  }

  const ids = (sql: string, params: unknown[] = []) =>
    app.sql<{ id: string }>(sql, params).then((rows) => rows.map((row) => String(row.id)));

  /** Each route, one of its documented keys, and the order that key means, in SQL. */
  const routes = () => [
    {
      path: '/customers',
      auth: admin,
      sort: 'name',
      expected: () => ids('SELECT id FROM customers ORDER BY name, id'),
    },
    {
      path: '/customers',
      auth: admin,
      sort: 'lastInteractionAt',
      expected: () =>
        ids('SELECT id FROM customers ORDER BY last_interaction_at ASC NULLS FIRST, id'),
    },
    {
      path: '/todos',
      auth: u.wang.auth,
      sort: 'dueAt',
      expected: () =>
        ids('SELECT id FROM todos WHERE assignee_id = $1 ORDER BY due_at ASC NULLS LAST, id', [
          u.wang.id,
        ]),
    },
    {
      path: `/customers/${wangCustomer}/follow-ups`,
      auth: u.wang.auth,
      sort: 'occurredAt',
      expected: () =>
        ids('SELECT id FROM follow_ups WHERE customer_id = $1 ORDER BY occurred_at, id', [
          wangCustomer,
        ]),
    },
    {
      path: '/playbooks',
      auth: admin,
      sort: 'title',
      expected: () => ids('SELECT id FROM playbooks ORDER BY title, id'),
    },
    {
      path: '/trigger-rules',
      auth: admin,
      sort: 'name',
      expected: () => ids('SELECT id FROM trigger_rules ORDER BY name, id'),
    },
    {
      path: '/users',
      auth: admin,
      sort: 'username',
      expected: () => ids('SELECT id FROM users ORDER BY username, id'),
    },
    {
      path: '/audit-events',
      auth: admin,
      sort: 'seq',
      expected: () => ids('SELECT seq AS id FROM audit_events ORDER BY seq'),
    },
  ];

  describe('sort', () => {
    it('orders every list by the key asked for, ascending and with - descending', async () => {
      for (const route of routes()) {
        const expected = await route.expected();
        const list = async (sort: string) =>
          (
            (await app.get(`${route.path}?sort=${sort}&limit=500`, route.auth).expect(200))
              .body as PageBody
          ).items.map(idOf);
        expect({ route: route.path, sort: route.sort, ids: await list(route.sort) }).toEqual({
          route: route.path,
          sort: route.sort,
          ids: expected,
        });
        expect(await list(`-${route.sort}`)).toEqual([...expected].reverse());
      }
    });

    it('pages through every sorted list with cursors: no row twice, none missed, ties included', async () => {
      for (const route of routes()) {
        const expected = await route.expected();
        for (const [sort, order] of [
          [route.sort, expected],
          [`-${route.sort}`, [...expected].reverse()],
        ] as const) {
          const pages = await pageThrough(`${route.path}?sort=${sort}`, route.auth, 2);
          expect({ route: route.path, sort, ids: pages.flat().map(idOf) }).toEqual({
            route: route.path,
            sort,
            ids: order,
          });
          expect(pages.every((page) => page.length <= 2)).toBe(true);
        }
      }
    });

    it('keeps each documented default order', async () => {
      const newestFirst = await ids('SELECT id FROM customers ORDER BY created_at DESC, id DESC');
      const customers = (await app.get('/customers', admin).expect(200)).body as PageBody;
      expect(customers.items.map(idOf)).toEqual(newestFirst);
      const chain = await ids('SELECT seq AS id FROM audit_events ORDER BY seq');
      const audit = (await app.get('/audit-events?limit=500', admin).expect(200)).body as PageBody;
      expect(audit.items.map(idOf)).toEqual(chain);
    });

    it('answers a cursor from another sort with 400 INVALID_CURSOR', async () => {
      for (const route of routes()) {
        const first = (
          await app.get(`${route.path}?sort=${route.sort}&limit=1`, route.auth).expect(200)
        ).body as PageBody;
        expect(first.nextCursor).toEqual(expect.any(String));
        const response = await app
          .get(`${route.path}?sort=-${route.sort}&cursor=${first.nextCursor}`, route.auth)
          .expect(400);
        expect(response.body).toMatchObject({
          code: 'INVALID_CURSOR',
          errors: [{ field: 'cursor' }],
        });
      }
    });

    it('answers an undocumented sort key with 400 naming sort', async () => {
      for (const route of routes()) {
        for (const sort of ['phone', '-password', `+${route.sort}`, `--${route.sort}`]) {
          const response = await app
            .get(`${route.path}?sort=${encodeURIComponent(sort)}`, route.auth)
            .expect(400);
          expect(response.body).toMatchObject({ errors: [{ field: 'sort' }] });
        }
      }
    });
  });

  describe('filters that take several values', () => {
    const listIds = async (path: string, auth: string) =>
      ((await app.get(path, auth).expect(200)).body as PageBody).items.map(idOf).sort();

    it('means any of them, repeated or comma-separated', async () => {
      const cases = [
        {
          auth: admin,
          comma: '/customers?stage=lead,contacted',
          repeated: '/customers?stage=lead&stage=contacted',
          expected: () => ids(`SELECT id FROM customers WHERE stage IN ('lead', 'contacted')`),
        },
        {
          auth: u.wang.auth,
          comma: '/todos?status=open,done',
          repeated: '/todos?status=open&status=done',
          expected: () => ids('SELECT id FROM todos WHERE assignee_id = $1', [u.wang.id]),
        },
        {
          auth: admin,
          comma: '/playbooks?kind=faq,competitor_comparison',
          repeated: '/playbooks?kind=faq&kind=competitor_comparison',
          expected: () => ids(`SELECT id FROM playbooks WHERE kind = 'faq'`),
        },
        {
          auth: admin,
          comma: '/audit-events?entity=user,playbook',
          repeated: '/audit-events?entity=user&entity=playbook',
          expected: () =>
            ids(`SELECT seq AS id FROM audit_events WHERE entity IN ('user', 'playbook')`),
        },
      ];
      for (const { auth, comma, repeated, expected } of cases) {
        const want = (await expected()).sort();
        expect(want.length).toBeGreaterThan(1);
        expect(await listIds(comma, auth)).toEqual(want);
        expect(await listIds(repeated, auth)).toEqual(want);
      }
      const one = await listIds('/customers?stage=lead', admin);
      expect(one).toEqual((await ids(`SELECT id FROM customers WHERE stage = 'lead'`)).sort());
    });

    it('checks each value: one bad value is 400 naming the filter', async () => {
      const response = await app.get('/customers?stage=lead,nonsense', admin).expect(400);
      expect(response.body).toMatchObject({ errors: [{ field: 'stage' }] });
    });
  });

  describe('updatedSince', () => {
    /** Every item changed since `since`, page by page, as a sync job reads them. */
    async function sync(path: string, since: string, limit = 2): Promise<Item[][]> {
      const separator = path.includes('?') ? '&' : '?';
      return pageThrough(
        `${path}${separator}updatedSince=${encodeURIComponent(since)}`,
        admin,
        limit,
      );
    }
    const serverNow = async () =>
      (await app.sql<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now.toISOString();
    const insertCustomer = async (name: string, phone: string) =>
      (
        await app.sql<{ id: string }>(
          'INSERT INTO customers (name, phone) VALUES ($1, $2) RETURNING id',
          [name, phone],
        )
      )[0].id;
    const versionOf = async (id: string) =>
      (await app.sql<{ version: number }>('SELECT version FROM customers WHERE id = $1', [id]))[0]
        .version;

    it('orders by updatedAt, oldest first, and rejects any other sort', async () => {
      const items = (await sync('/customers', '2000-01-01T00:00:00Z', 500)).flat();
      const times = items.map((item) => item.updatedAt!);
      expect(times).toEqual([...times].sort());
      await app
        .get('/customers?updatedSince=2026-01-01T00:00:00Z&sort=-createdAt', admin)
        .expect(400);
      for (const path of ['/todos', '/users', `/customers/${wangCustomer}/follow-ups`]) {
        const auth = path === '/todos' || path.includes('follow-ups') ? u.wang.auth : admin;
        await app.get(`${path}?updatedSince=2000-01-01T00:00:00Z`, auth).expect(200);
      }
      const immutable = await app.get('/audit-events?updatedSince=2000-01-01T00:00:00Z', admin);
      expect(immutable.status).toBe(400);
    });

    it('shows a row changed between pages again on a later page', async () => {
      const since = await serverNow();
      const created: string[] = [];
      for (let i = 0; i < 6; i++) {
        created.push(await insertCustomer(`sync ${i}`, `+8613910001${String(i).padStart(3, '0')}`));
        // updatedAt has milliseconds: rows of one millisecond would sort by id, not creation.
        await sleep(2);
      }
      await sleep(PAST_HORIZON_MS);

      const first = (
        await app
          .get(`/customers?q=sync&limit=2&updatedSince=${encodeURIComponent(since)}`, admin)
          .expect(200)
      ).body as PageBody;
      expect(first.items.map(idOf)).toEqual(created.slice(0, 2));
      await app
        .patch(`/customers/${created[0]}`, admin, { city: '杭州' }, await versionOf(created[0]))
        .expect(200);
      await sleep(PAST_HORIZON_MS);
      const later: Item[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = (
          await app
            .get(
              `/customers?q=sync&limit=2&updatedSince=${encodeURIComponent(since)}&cursor=${cursor}`,
              admin,
            )
            .expect(200)
        ).body as PageBody;
        later.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(later.map(idOf)).toEqual([...created.slice(2), created[0]]);
      expect(later[later.length - 1]).toMatchObject({ id: created[0], city: '杭州' });
    });

    it('loses no row of a transaction that commits after a sync read past its write', async () => {
      const since = await serverNow();
      const late = await insertCustomer('late writer', '+8613910002001');
      const early = await insertCustomer('early writer', '+8613910002002');
      await sleep(PAST_HORIZON_MS);
      const seen: Item[] = (await sync('/customers?q=writer', since)).flat();
      expect(seen.map(idOf)).toEqual([late, early]);

      // A writer stamps `late`, then holds its transaction open (an import runs for minutes)...
      const writer = new Client({ connectionString: app.databaseUrl });
      await writer.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(`UPDATE customers SET city = '宁波' WHERE id = $1`, [late]);
        await sleep(50);
        // ...while another write, stamped later, commits at once.
        await app
          .patch(`/customers/${early}`, admin, { city: '温州' }, await versionOf(early))
          .expect(200);
        await sleep(PAST_HORIZON_MS);

        // The sync goes on from the last updatedAt it kept, and pages to the end.
        const during = (await sync('/customers?q=writer', seen[seen.length - 1].updatedAt!)).flat();
        seen.push(...during);
        await writer.query('COMMIT');
      } finally {
        await writer.end();
      }
      await sleep(PAST_HORIZON_MS);
      const after = (await sync('/customers?q=writer', seen[seen.length - 1].updatedAt!)).flat();
      seen.push(...after);

      expect(seen).toContainEqual(expect.objectContaining({ id: late, city: '宁波' }));
      expect(seen).toContainEqual(expect.objectContaining({ id: early, city: '温州' }));
    });

    it('stamps updatedAt on every write, bulk SQL included', async () => {
      const tables = {
        customers: `UPDATE customers SET city = 'x'`,
        todos: `UPDATE todos SET title = title || '.'`,
        follow_ups: `UPDATE follow_ups SET summary = summary || '.'`,
        users: `UPDATE users SET display_name = display_name || '.'`,
      };
      for (const [table, update] of Object.entries(tables)) {
        const startedAt = await serverNow();
        await app.sql(update);
        const [{ stale }] = await app.sql<{ stale: number }>(
          `SELECT count(*)::int AS stale FROM ${table} WHERE updated_at < $1`,
          [startedAt],
        );
        expect({ table, stale }).toEqual({ table, stale: 0 });
      }
      // The API's own paths: a claim, a transfer, a todo's completion.
      const pooled = await insertCustomer('pooled', '+8613910003001');
      const changes: [string, () => Promise<Item>][] = [
        [
          'claim',
          async () => (await app.post(`/customers/${pooled}/claim`, u.wang.auth).expect(200)).body,
        ],
        [
          'transfer',
          async () =>
            (
              await app
                .post(`/customers/${pooled}/transfer`, u.li.auth, { toUserId: u.zhao.id })
                .expect(200)
            ).body,
        ],
        [
          'todo completion',
          async () => {
            const [todo] = await app.sql<{ id: string; version: number }>(
              `SELECT id, version FROM todos WHERE assignee_id = $1 AND status = 'open' LIMIT 1`,
              [u.wang.id],
            );
            return (
              await app
                .patch(`/todos/${todo.id}`, u.wang.auth, { status: 'done' }, todo.version)
                .expect(200)
            ).body;
          },
        ],
      ];
      for (const [change, write] of changes) {
        const startedAt = await serverNow();
        const { updatedAt } = await write();
        expect({ change, stamped: updatedAt! >= startedAt }).toEqual({ change, stamped: true });
      }
    });
  });
});
