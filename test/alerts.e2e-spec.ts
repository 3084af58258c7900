import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../src/core/auth/roles';
import { createTestApp, TestApp } from './support/test-app';

interface Person {
  id: string;
  auth: string;
}

interface Todo {
  type: string;
  title: string;
  assigneeId: string;
  payload: {
    ruleId: string;
    week: string;
    orgUnit: { id: string; name: string };
    value: number;
    threshold: number;
    detail: Record<string, number>;
    playbook: { id: string; title: string } | null;
  };
}

interface Notification {
  type: string;
  title: string;
  payload: { orgUnit: { name: string }; value: number };
}

let phone = 13500000000 + Math.floor(Math.random() * 1e6);

/**
 * Week 2026-W45 runs 2026-11-02 to 2026-11-09 in Asia/Shanghai; its base
 * period is the 4 weeks from 2026-10-05.
 *
 * 华北大区 (ops director 钱运营):
 * - 朝阳店 (store manager 王店长): 5 base customers, 3 reorder → 60 %: below 65 %.
 * - 海淀店 (store manager 赵店长): 4 base customers, 3 reorder → 75 %: above.
 * 华南大区: 天河店 (store manager 陈店长): 2 base customers, 1 reorders → 50 %.
 */
describe('alert rules (API.md §8)', () => {
  let app: TestApp;
  let chaoyang: string;
  let tianhe: string;
  let wang: Person;
  let zhao: Person;
  let chen: Person;
  let qian: Person;
  let north: Person;
  let playbookId: string;
  let webhookId: string;

  const unit = async (name: string, type: string, parentId?: string) =>
    (
      (await app.post('/org-units', app.adminAuth, { name, type, parentId }).expect(201)).body as {
        id: string;
      }
    ).id;
  const person = async (displayName: string, roles: Role[], orgUnitId: string): Promise<Person> => {
    const username = `al_${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const response = await app
      .post('/users', app.adminAuth, { username, password, displayName, roles, orgUnitId })
      .expect(201);
    return { id: (response.body as { id: string }).id, auth: await app.login(username, password) };
  };
  /** A customer of `ownerId` with one order at `storeId` in the base period, and `reorders` in the week. */
  const member = async (ownerId: string, storeId: string, reorders: boolean) => {
    const customer = (
      await app
        .post('/customers', app.adminAuth, {
          name: `会员${++phone}`,
          phone: String(phone),
          segment: 'b2c',
          ownerId,
        })
        .expect(201)
    ).body as { id: string };
    const order = (orderedAt: string) =>
      app
        .post('/orders', app.adminAuth, {
          customerId: customer.id,
          amount: '128.00',
          orderedAt,
          storeId,
        })
        .expect(201);
    await order('2026-10-20T12:00:00+08:00');
    if (reorders) await order('2026-11-04T18:00:00+08:00');
  };
  const members = async (ownerId: string, storeId: string, base: number, reordering: number) => {
    for (let i = 0; i < base; i++) await member(ownerId, storeId, i < reordering);
  };
  const rule = (body: object, auth = app.adminAuth) => app.post('/alert-rules', auth, body);
  const repurchaseRule = {
    name: '门店周复购率低于65%',
    metric: 'repurchase_rate',
    scope: 'store',
    comparator: 'lt',
    threshold: 65,
    notifyRoles: ['store_manager'],
    ccRoles: ['ops_director'],
  };
  const evaluate = (week = '2026-W45') =>
    app.post(`/alert-rules/evaluate?week=${week}`, app.adminAuth).expect(200);
  const alertTodos = async (who: Person) =>
    ((await app.get('/todos?type=alert', who.auth).expect(200)).body as { items: Todo[] }).items;
  const inbox = async (who: Person) =>
    ((await app.get('/notifications', who.auth).expect(200)).body as { items: Notification[] })
      .items;

  beforeAll(async () => {
    app = await createTestApp();
    // Deliveries stay queued: tests run without workers, and nothing listens here.
    webhookId = (
      (
        await app
          .post('/webhooks', app.adminAuth, {
            url: 'http://127.0.0.1:9/alerts',
            events: ['alert.triggered'],
            secret: 'alerts-e2e-secret-0123456789',
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    const northRegion = await unit('华北大区', 'region');
    chaoyang = await unit('朝阳店', 'store', northRegion);
    const haidian = await unit('海淀店', 'store', northRegion);
    const southRegion = await unit('华南大区', 'region');
    tianhe = await unit('天河店', 'store', southRegion);
    wang = await person('王店长', ['store_manager'], chaoyang);
    zhao = await person('赵店长', ['store_manager'], haidian);
    chen = await person('陈店长', ['store_manager'], tianhe);
    qian = await person('钱运营', ['ops_director'], northRegion);
    north = await person('周区域', ['regional_director'], northRegion);
    await members(wang.id, chaoyang, 5, 3);
    await members(zhao.id, haidian, 4, 3);
    await members(chen.id, tianhe, 2, 1);
    playbookId = (
      (
        await app
          .post('/playbooks', app.adminAuth, {
            title: '门店复购提升话术包',
            kind: 'script_pack',
            content: '## 老客回访\n提醒会员积分到期，推荐本周新品。',
          })
          .expect(201)
      ).body as { id: string }
    ).id;
  });

  afterAll(() => app.close());

  it('gives the manager of the store below its threshold a todo with the playbook, and copies the ops director', async () => {
    const created = (await rule({ ...repurchaseRule, playbookId }).expect(201)).body as {
      id: string;
      threshold: number;
      reachOrgUnitId: string | null;
    };
    expect(created).toMatchObject({ threshold: 65, reachOrgUnitId: null });

    expect((await evaluate()).body).toEqual({
      week: '2026-W45',
      rules: 1,
      breaches: 2, // 朝阳店 60 %, 天河店 50 %; 海淀店 at 75 % is above
      todosCreated: 2,
      notificationsCreated: 1, // 华南大区 has no ops director
    });

    const [todo] = await alertTodos(wang);
    expect(todo).toMatchObject({
      type: 'alert',
      assigneeId: wang.id,
      title: '朝阳店 2026-W45 周复购率 60.00% 低于 65%',
      payload: {
        ruleId: created.id,
        week: '2026-W45',
        orgUnit: { id: chaoyang, name: '朝阳店' },
        value: 60,
        threshold: 65,
        detail: { base: 5, repurchased: 3 },
        playbook: { id: playbookId, title: '门店复购提升话术包' },
      },
    });
    expect(await alertTodos(zhao)).toEqual([]);
    expect((await alertTodos(chen)).map((t) => t.payload.value)).toEqual([50]);

    const deliveries = (
      (await app.get(`/webhooks/${webhookId}/deliveries`, app.adminAuth).expect(200)).body as {
        items: { event: string }[];
      }
    ).items;
    expect(deliveries.map((d) => d.event)).toEqual(['alert.triggered', 'alert.triggered']);

    const cc = await inbox(qian);
    expect(cc).toHaveLength(1);
    expect(cc[0]).toMatchObject({
      type: 'alert',
      title: '朝阳店 2026-W45 周复购率 60.00% 低于 65%',
      payload: { orgUnit: { name: '朝阳店' }, value: 60 },
    });
  });

  it('sends nothing twice for a (rule, unit, week), however often and concurrently it is evaluated', async () => {
    const runs = await Promise.all([evaluate(), evaluate(), evaluate()]);
    for (const run of runs) {
      expect(run.body).toMatchObject({ breaches: 0, todosCreated: 0, notificationsCreated: 0 });
    }
    expect(await alertTodos(wang)).toHaveLength(1);
    expect(await inbox(qian)).toHaveLength(1);
  });

  it('watches only its author’s region when a regional director writes it', async () => {
    const created = (
      await rule({ ...repurchaseRule, name: '华北门店复购率', threshold: 70 }, north.auth).expect(
        201,
      )
    ).body as { id: string; reachOrgUnitId: string };
    expect(created.reachOrgUnitId).not.toBeNull();
    // Both rules see 朝阳店 again only for the new rule; 天河店 lies outside 华北大区.
    expect((await evaluate()).body).toMatchObject({ rules: 2, breaches: 1, todosCreated: 1 });
    const titles = (await alertTodos(wang)).map((t) => t.title).sort();
    expect(titles).toEqual([
      '朝阳店 2026-W45 周复购率 60.00% 低于 65%',
      '朝阳店 2026-W45 周复购率 60.00% 低于 70%',
    ]);
    expect(await alertTodos(chen)).toHaveLength(1);
    await app.delete(`/alert-rules/${created.id}`, north.auth).expect(204);
  });

  it('finds no breach in a week with nothing to measure', async () => {
    expect((await evaluate('2026-W30')).body).toMatchObject({ breaches: 0, todosCreated: 0 });
  });

  it('alerts a team whose follow-up promises slipped, from the compliance of the week', async () => {
    const team = await unit('杭州工业配件组', 'team');
    const lead = await person('李主管', ['supervisor'], team);
    const rep = await person('王销售', ['rep'], team);
    const touch = async (customerId: string, occurredAt: string, nextTouchAt: string) =>
      app
        .post(`/customers/${customerId}/follow-ups`, rep.auth, {
          channel: 'wechat',
          occurredAt,
          summary: '微信沟通阀门选型与交期，客户要求下周给出报价。',
          nextTouchAt,
        })
        .expect(201);
    const customer = async () =>
      (
        (
          await app
            .post('/customers', app.adminAuth, {
              name: `杭州精工配件${++phone}`,
              phone: String(phone),
              segment: 'b2b',
              ownerId: rep.id,
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    // Two promises due on 4 November: one kept that morning, one never.
    const kept = await customer();
    const missed = await customer();
    await touch(kept, '2026-11-02T10:00:00+08:00', '2026-11-04T10:00:00+08:00');
    await touch(kept, '2026-11-04T09:00:00+08:00', '2026-11-18T10:00:00+08:00');
    await touch(missed, '2026-11-02T11:00:00+08:00', '2026-11-04T11:00:00+08:00');

    await rule({
      name: '团队跟进合规率低于92%',
      metric: 'compliance_rate',
      scope: 'team',
      comparator: 'lt',
      threshold: 92,
      notifyRoles: ['supervisor'],
    }).expect(201);
    await evaluate();
    const [todo] = await alertTodos(lead);
    expect(todo).toMatchObject({
      title: '杭州工业配件组 2026-W45 跟进合规率 50.00% 低于 92%',
      payload: { value: 50, detail: { due: 2, fulfilled: 1 }, playbook: null },
    });
    expect(await alertTodos(rep)).toEqual([]);
  });

  it("alerts a team whose inquiries waited too long, from the week's first responses", async () => {
    const team = await unit('上海快消渠道组', 'team');
    const lead = await person('孙主管', ['supervisor'], team);
    const rep = await person('刘销售', ['rep'], team);
    /** A customer of the rep's, asking at `receivedAt` and answered `minutes` later. */
    const answered = async (receivedAt: string, minutes: number) => {
      const customer = (
        (
          await app
            .post('/customers', app.adminAuth, {
              name: `上海便利店${++phone}`,
              phone: String(phone),
              segment: 'b2c',
              ownerId: rep.id,
            })
            .expect(201)
        ).body as { id: string }
      ).id;
      await app
        .post('/inquiries', rep.auth, {
          customerId: customer,
          channel: 'phone',
          receivedAt,
          content: '咨询饮料整箱进货价格和配送时间。',
        })
        .expect(201);
      const occurredAt = new Date(Date.parse(receivedAt) + minutes * 60_000).toISOString();
      await app
        .post(`/customers/${customer}/follow-ups`, rep.auth, {
          channel: 'wechat',
          occurredAt,
          summary: '微信回复整箱价格与配送安排，客户考虑下单。',
          nextTouchAt: '2026-11-20T10:00:00+08:00',
        })
        .expect(201);
    };
    // Answered after 5 and after 40 minutes: 1 of 2 within the 15-minute target, 50 %.
    await answered('2026-11-03T09:00:00+08:00', 5);
    await answered('2026-11-04T14:00:00+08:00', 40);

    await rule({
      name: '团队首响达标率低于89%',
      metric: 'first_response_within_target_pct',
      scope: 'team',
      comparator: 'lt',
      threshold: 89,
      notifyRoles: ['supervisor'],
    }).expect(201);
    await evaluate();
    const [todo] = await alertTodos(lead);
    expect(todo).toMatchObject({
      title: '上海快消渠道组 2026-W45 首响达标率 50.00% 低于 89%',
      payload: { value: 50, detail: { count: 2, within: 1, counted: 2 } },
    });
  });

  it('measures the repurchase rate by store only: a team rule gets 400 naming scope', async () => {
    const response = await rule({ ...repurchaseRule, scope: 'team' }).expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'scope', message: 'repurchase_rate is measured by store only' }],
    });
  });

  it('rejects an unknown playbook, roles that do not exist and a threshold out of range', async () => {
    const unknown = await rule({ ...repurchaseRule, playbookId: randomUUID() }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'PLAYBOOK_NOT_FOUND' });
    const invalid = await rule({ ...repurchaseRule, notifyRoles: ['boss'], threshold: 101 }).expect(
      400,
    );
    const fields = (invalid.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields.sort()).toEqual(['notifyRoles', 'threshold']);
    await app.post('/alert-rules/evaluate?week=2026-W54', app.adminAuth).expect(400);
  });

  it('edits with If-Match, keeps the version on a no-op, deletes, and lets only directors and admins in', async () => {
    const created = (await rule({ ...repurchaseRule, name: '待修改' }).expect(201)).body as {
      id: string;
      version: number;
    };
    const path = `/alert-rules/${created.id}`;
    await app.patch(path, app.adminAuth, { threshold: 60 }, created.version + 1).expect(409);
    const edited = await app.patch(path, app.adminAuth, { threshold: 60 }, created.version);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ threshold: 60, version: created.version + 1 });
    const same = await app.patch(path, app.adminAuth, { threshold: 60 }).expect(200);
    expect(same.body).toMatchObject({ version: created.version + 1 });

    await app.get(path, wang.auth).expect(403);
    await rule(repurchaseRule, wang.auth).expect(403);
    await app.post('/alert-rules/evaluate', wang.auth).expect(403);

    await app.delete(path, app.adminAuth).expect(204);
    await app.get(path, app.adminAuth).expect(404);
  });
});
