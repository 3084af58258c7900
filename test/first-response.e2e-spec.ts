import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import { InquiriesDemoSeeder } from '../src/modules/inquiries/inquiries.demo-seeder';
import { nearestRank } from '../src/modules/metrics/domain/statistics';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Figures {
  count: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinTargetPct: number | null;
}

interface Group extends Figures {
  key: string | null;
  name: string;
}

interface FirstResponse extends Figures {
  targetMinutes: number;
  definition: string;
  groups: Group[];
}

const MINUTE = 60_000;
/** Minutes after `base` (an ISO time with an offset), as UTC. */
const plus = (base: string, minutes: number) =>
  new Date(Date.parse(base) + minutes * MINUTE).toISOString();

/** Monday 2 to Sunday 8 November 2026, in Asia/Shanghai: the fixture's week. */
const WEEK = 'from=2026-11-02&to=2026-11-09';
const WANG_AT = '2026-11-03T10:00:00+08:00';

describe('GET /metrics/first-response (API.md §8)', () => {
  let app: TestApp;
  let u: EastRegion;
  let phone = 13957100000;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();

    // wang: six inquiries at 10:00 on 3 November, answered after 3, 10, 15, 16 and 40
    // minutes, and one never (its customer's only touch came an hour before it).
    for (const minutes of [3, 10, 15, 16, 40, null]) {
      const customerId = await customer(u.wang);
      await inquire(u.wang, customerId, WANG_AT);
      if (minutes === null) await followUp(u.wang, customerId, plus(WANG_AT, -60));
      else {
        await followUp(u.wang, customerId, plus(WANG_AT, minutes));
        // A later touch does not move the first response.
        await followUp(u.wang, customerId, plus(WANG_AT, minutes + 200));
      }
    }
    // liu: answered after 20 minutes, received at 00:30 on 2 November in Shanghai
    // (16:30 UTC on 1 November): inside the week, which UTC days would miss.
    const early = await customer(u.liu);
    await inquire(u.liu, early, '2026-11-02T00:30:00+08:00');
    await followUp(u.liu, early, plus('2026-11-02T00:30:00+08:00', 20));
    // liu: 07:30 on 9 November in Shanghai (23:30 UTC on 8 November): outside the week.
    const late = await customer(u.liu);
    await inquire(u.liu, late, '2026-11-09T07:30:00+08:00');
    await followUp(u.liu, late, plus('2026-11-09T07:30:00+08:00', 5));
    // A lead in the public pool, never answered.
    const pool = (
      (
        await app
          .post('/inquiries', app.adminAuth, {
            name: '公海线索',
            phone: String(++phone),
            channel: 'exhibition',
            receivedAt: '2026-11-05T14:00:00+08:00',
            content: '展会留资：对包装材料感兴趣，希望寄样品。',
          })
          .expect(201)
      ).body as { customerId: string }
    ).customerId;
    expect(pool).toEqual(expect.any(String));
  });
  afterAll(() => app.close());

  async function customer(owner: TestUser): Promise<string> {
    const response = await app
      .post('/customers', owner.auth, { name: `首响客户${++phone}`, phone: String(phone) })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function inquire(author: TestUser, customerId: string, receivedAt: string) {
    await app
      .post('/inquiries', author.auth, {
        customerId,
        channel: 'web',
        receivedAt,
        content: '官网留言：询问 6205 轴承批量价格和交期。',
      })
      .expect(201);
  }

  async function followUp(author: TestUser, customerId: string, occurredAt: string) {
    await app
      .post(`/customers/${customerId}/follow-ups`, author.auth, {
        channel: 'wechat',
        occurredAt,
        summary: '微信回复客户询价，已发送报价单和交期说明。',
        nextTouchAt: plus(occurredAt, 3 * 24 * 60),
      })
      .expect(201);
  }

  const measure = async (auth: string, query: string) =>
    (await app.get(`/metrics/first-response?${query}`, auth).expect(200)).body as FirstResponse;

  /** wang's six: sorted 3, 10, 15, 16, 40; median rank ⌈2.5⌉ = 3, p90 rank ⌈4.5⌉ = 5; 3 of 6 within 15. */
  const WANG: Figures = {
    count: 6,
    responded: 5,
    medianMinutes: 15,
    p90Minutes: 40,
    withinTargetPct: 50,
  };
  /** liu's one inside the week: 20 minutes, over the target. */
  const LIU: Figures = {
    count: 1,
    responded: 1,
    medianMinutes: 20,
    p90Minutes: 20,
    withinTargetPct: 0,
  };
  /** The pool's lead: never answered, long past the target. */
  const POOL: Figures = {
    count: 1,
    responded: 0,
    medianMinutes: null,
    p90Minutes: null,
    withinTargetPct: 0,
  };

  it('gives a rep its own figures only, grouped under itself', async () => {
    const wang = await measure(u.wang.auth, `${WEEK}&groupBy=rep`);
    expect(wang).toMatchObject({ targetMinutes: 15, ...WANG });
    expect(wang.groups).toEqual([{ key: u.wang.id, name: `测试${u.wang.username}`, ...WANG }]);
    const liu = await measure(u.liu.auth, `${WEEK}&groupBy=rep`);
    expect(liu).toMatchObject(LIU);
    expect(liu.groups).toEqual([{ key: u.liu.id, name: `测试${u.liu.username}`, ...LIU }]);
    // zhao has no inquiry: an empty total and no group.
    expect(await measure(u.zhao.auth, `${WEEK}&groupBy=rep`)).toMatchObject({
      count: 0,
      responded: 0,
      medianMinutes: null,
      p90Minutes: null,
      withinTargetPct: null,
      groups: [],
    });
  });

  it('groups by rep over the whole organisation, the pool as 公海 with key null', async () => {
    const all = await measure(app.adminAuth, `${WEEK}&groupBy=rep`);
    // Responded 3, 10, 15, 16, 20, 40: median rank ⌈3⌉ = 3 → 15, p90 rank ⌈5.4⌉ = 6 → 40;
    // within: 3 of the 8 (the two unanswered are long past the target) = 37.5 %.
    expect(all).toMatchObject({
      targetMinutes: 15,
      count: 8,
      responded: 6,
      medianMinutes: 15,
      p90Minutes: 40,
      withinTargetPct: 37.5,
    });
    expect(all.groups).toHaveLength(3);
    expect(all.groups).toEqual(
      expect.arrayContaining([
        { key: u.wang.id, name: `测试${u.wang.username}`, ...WANG },
        { key: u.liu.id, name: `测试${u.liu.username}`, ...LIU },
      ]),
    );
    expect(all.groups[2]).toEqual({ key: null, name: '公海', ...POOL });
    expect(all.definition).toContain('nearest-rank');
    expect(all.definition).toContain('Asia/Shanghai');
    expect(all.definition).toContain('at most 15 minutes');
    const zh = await app
      .get(`/metrics/first-response?${WEEK}&groupBy=rep`, app.adminAuth)
      .set('accept-language', 'zh-CN')
      .expect(200);
    expect((zh.body as { definition: string }).definition).toContain('最近秩百分位数');
  });

  it('groups by the owner’s org unit; a supervisor sees its team only', async () => {
    const [{ hangzhou, shanghai }] = await app.sql<{ hangzhou: string; shanghai: string }>(
      `SELECT (SELECT org_unit_id FROM users WHERE id = $1) AS hangzhou,
              (SELECT org_unit_id FROM users WHERE id = $2) AS shanghai`,
      [u.wang.id, u.liu.id],
    );
    const director = await measure(u.zhou.auth, `${WEEK}&groupBy=team`);
    expect(director).toMatchObject({ count: 7, responded: 6 });
    expect(director.groups).toEqual(
      expect.arrayContaining([
        { key: hangzhou, name: '杭州工业配件组', ...WANG },
        { key: shanghai, name: '上海快消渠道组', ...LIU },
      ]),
    );
    expect(director.groups).toHaveLength(2);
    const li = await measure(u.li.auth, `${WEEK}&groupBy=team`);
    expect(li).toMatchObject(WANG);
    expect(li.groups).toEqual([{ key: hangzhou, name: '杭州工业配件组', ...WANG }]);
  });

  it('counts days in the organisation’s time zone at both ends of the range', async () => {
    // 07:30 on 9 November in Shanghai belongs to the next range, answered in 5 minutes.
    const next = await measure(u.liu.auth, 'from=2026-11-09&to=2026-11-10&groupBy=rep');
    expect(next).toMatchObject({ count: 1, medianMinutes: 5, withinTargetPct: 100 });
    // 00:30 on 2 November in Shanghai is not in a range ending that day.
    const before = await measure(u.liu.auth, 'from=2026-11-01&to=2026-11-02&groupBy=rep');
    expect(before).toMatchObject({ count: 0, groups: [] });
  });

  it('leaves out an unanswered inquiry younger than the target, counts an older one as missed', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    );
    const day = (offset: number) =>
      new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
    const fresh = await customer(u.zhao);
    await inquire(u.zhao, fresh, new Date(Date.now() - 5 * MINUTE).toISOString());
    const stale = await customer(u.zhao);
    await inquire(u.zhao, stale, new Date(Date.now() - 30 * MINUTE).toISOString());
    const zhao = await measure(u.zhao.auth, `from=${day(-1)}&to=${day(2)}&groupBy=rep`);
    // Two inquiries, none answered; only the 30-minute-old one counts, and it missed.
    expect(zhao).toMatchObject({
      count: 2,
      responded: 0,
      medianMinutes: null,
      p90Minutes: null,
      withinTargetPct: 0,
    });
  });

  it('follows the setting firstResponseTargetMinutes', async () => {
    const settings = (await app.get('/settings', app.adminAuth).expect(200)).body as {
      version: number;
    };
    await app
      .patch('/settings', app.adminAuth, { firstResponseTargetMinutes: 20 }, settings.version)
      .expect(200);
    try {
      // Now 3, 10, 15 and 16 of wang's six are within 20 minutes.
      const wang = await measure(u.wang.auth, `${WEEK}&groupBy=rep`);
      expect(wang).toMatchObject({ targetMinutes: 20, withinTargetPct: 66.67 });
    } finally {
      const current = (await app.get('/settings', app.adminAuth).expect(200)).body as {
        version: number;
      };
      await app
        .patch('/settings', app.adminAuth, { firstResponseTargetMinutes: 15 }, current.version)
        .expect(200);
    }
  });

  it('rejects a range whose end is not after its start, naming `to`, and a missing groupBy', async () => {
    for (const range of ['from=2026-11-09&to=2026-11-09', 'from=2026-11-09&to=2026-11-02']) {
      const response = await app
        .get(`/metrics/first-response?${range}&groupBy=rep`, u.li.auth)
        .expect(400);
      expect(response.body).toMatchObject({ errors: [{ field: 'to' }] });
    }
    const missing = await app.get(`/metrics/first-response?${WEEK}`, u.li.auth).expect(400);
    expect(missing.body).toMatchObject({ errors: [{ field: 'groupBy' }] });
    await app.get(`/metrics/first-response?${WEEK}&groupBy=store`, u.li.auth).expect(400);
  });

  it('is for managers and reps, not finance', async () => {
    const [{ region }] = await app.sql<{ region: string }>(
      'SELECT org_unit_id AS region FROM users WHERE id = $1',
      [u.zhou.id],
    );
    const finance = await new OrgFactory(app).user({ roles: ['finance_bp'], orgUnitId: region });
    await app.get(`/metrics/first-response?${WEEK}&groupBy=rep`, finance.auth).expect(403);
  });

  it("takes PostgreSQL's percentile_disc for the nearest rank of statistics.ts", async () => {
    const values = Array.from({ length: 60 }, (_, i) => ((i * 37) % 101) + i / 8);
    const rows = await app.sql<{ n: number; median: number; p90: number }>(
      `SELECT n, percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS median,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY v) AS p90
       FROM generate_series(1, 60) n CROSS JOIN LATERAL unnest(($1::float8[])[1:n]) v
       GROUP BY n ORDER BY n`,
      [values],
    );
    expect(rows).toHaveLength(60);
    for (const { n, median, p90 } of rows) {
      const sorted = values.slice(0, n).sort((a, b) => a - b);
      expect([n, median, p90]).toEqual([n, nearestRank(sorted, 50), nearestRank(sorted, 90)]);
    }
  });
});

describe('inquiry demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
  });
  afterAll(() => app.close());

  const count = async () =>
    (await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM inquiries'))[0].count;

  it('seeds about forty inquiries, fast, slow and unanswered, once', async () => {
    const seeded = await count();
    expect(seeded).toBeGreaterThanOrEqual(35);
    expect(seeded).toBeLessThanOrEqual(45);
    const director = await app.login('chen.director', DEMO_PASSWORD);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(today) - 30 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(today) + 2 * 86_400_000).toISOString().slice(0, 10);
    const all = (
      await app
        .get(`/metrics/first-response?from=${from}&to=${to}&groupBy=rep`, director)
        .expect(200)
    ).body as FirstResponse;
    expect(all.count).toBe(seeded);
    expect(all.responded).toBeGreaterThan(20);
    expect(all.responded).toBeLessThan(all.count);
    expect(all.p90Minutes!).toBeGreaterThan(all.medianMinutes!);
    expect(all.withinTargetPct!).toBeGreaterThan(0);
    expect(all.withinTargetPct!).toBeLessThan(100);
    expect(all.groups.map((group) => group.name)).toContain('公海');
    await app.running.app.get(InquiriesDemoSeeder).seed();
    expect(await count()).toBe(seeded);
  });
});
