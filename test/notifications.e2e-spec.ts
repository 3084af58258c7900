import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TransactionHost } from '../src/core/database/transaction-host';
import { verifyWebhook } from '../src/modules/notifications/domain/signature';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { EastRegion, OrgFactory } from './support/factories';
import { API, TestApp, createTestApp } from './support/test-app';

/** One request the receiver got: headers and the raw body, as sent. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver. Each path answers per its script: a list of statuses
 * used one per request (the last one repeats), and an optional body.
 */
class Receiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, { statuses: number[]; body?: string }>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.requests.push({
          path,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const script = this.scripts.get(path) ?? { statuses: [200] };
        const status = script.statuses.length > 1 ? script.statuses.shift()! : script.statuses[0];
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(script.body ?? '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(path: string, statuses: number[], body?: string): void {
    this.scripts.set(path, { statuses: [...statuses], body });
  }

  at(path: string): Received[] {
    return this.requests.filter((request) => request.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

interface Delivery {
  id: string;
  webhookId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

interface Notification {
  id: string;
  userId: string;
  type: string;
  title: string;
  payload: Record<string, unknown>;
  readAt: string | null;
  version: number;
}

const SECRET = 'whsec_华东大区_0123456789';

describe('notifications and webhooks (API.md §8)', () => {
  let app: TestApp;
  let u: EastRegion;
  let service: NotificationsService;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    service = app.running.app.get(NotificationsService);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  const subscribe = async (path: string, events: string[], format?: 'json' | 'wecom') => {
    const response = await app
      .post('/webhooks', app.adminAuth, {
        url: `${receiver.url}${path}`,
        events,
        secret: SECRET,
        ...(format ? { format } : {}),
      })
      .expect(201);
    return response.body as { id: string };
  };
  const run = async () =>
    (await app.post('/webhooks/deliveries/run', app.adminAuth).expect(200)).body as Record<
      string,
      number
    >;
  const deliveries = async (webhookId: string) =>
    (
      (await app.get(`/webhooks/${webhookId}/deliveries`, app.adminAuth).expect(200)).body as {
        items: Delivery[];
      }
    ).items;
  /** Makes every delivery waiting out its backoff due now: the test's stand-in for the clock. */
  const fastForward = async () => {
    const [{ due }] = await app.sql<{ due: number }>(
      `WITH u AS (
         UPDATE pgboss.job SET start_after = now() - interval '1 second'
         WHERE name = 'webhook-delivery' AND state = 'retry' RETURNING id
       ) SELECT count(*)::int AS due FROM u`,
    );
    return due;
  };
  const inbox = async (auth: string, query = '') =>
    ((await app.get(`/notifications${query}`, auth).expect(200)).body as { items: Notification[] })
      .items;

  it('delivers notification.created to a subscriber, signed over "<timestamp>.<body>", one request per notification', async () => {
    const hook = await subscribe('/signed', ['notification.created']);
    const made = await service.notify([u.wang.id, u.li.id, u.wang.id], {
      type: 'alert_cc',
      title: '杭州工业配件组本周复购率 12.50%，低于预警线 20%',
      payload: { ruleName: '门店复购率预警', ratePct: 12.5, threshold: 20 },
    });
    // wang named twice counts once.
    expect(made).toBe(2);
    expect(await run()).toEqual({ processed: 2, delivered: 2, failed: 0, retrying: 0, dead: 0 });

    const received = receiver.at('/signed');
    expect(received).toHaveLength(2);
    const now = Math.floor(Date.now() / 1000);
    const log = await deliveries(hook.id);
    for (const request of received) {
      const signature = request.headers['x-signature'] as string;
      const timestamp = request.headers['x-timestamp'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(Math.abs(now - Number(timestamp))).toBeLessThanOrEqual(60);
      expect(verifyWebhook(SECRET, { signature, timestamp }, request.body, now)).toBe(true);
      // Another secret, or a changed body, does not verify.
      expect(
        verifyWebhook('whsec_another_secret', { signature, timestamp }, request.body, now),
      ).toBe(false);
      expect(verifyWebhook(SECRET, { signature, timestamp }, request.body + ' ', now)).toBe(false);
      expect(request.headers['x-webhook-id']).toBe(hook.id);
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(request.body) as {
        id: string;
        event: string;
        data: { userId: string; title: string; payload: Record<string, unknown> };
      };
      expect(body.id).toBe(request.headers['x-delivery-id']);
      expect(body.event).toBe('notification.created');
      expect(body.data.title).toBe('杭州工业配件组本周复购率 12.50%，低于预警线 20%');
      expect(body.data.payload).toEqual({
        ruleName: '门店复购率预警',
        ratePct: 12.5,
        threshold: 20,
      });
      expect(log.map((delivery) => delivery.id)).toContain(body.id);
    }
    expect(
      received
        .map((request) => (JSON.parse(request.body) as { data: { userId: string } }).data.userId)
        .sort(),
    ).toEqual([u.wang.id, u.li.id].sort());
    expect(log).toHaveLength(2);
    for (const delivery of log) {
      expect(delivery).toMatchObject({
        webhookId: hook.id,
        event: 'notification.created',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
      });
      expect(delivery.deliveredAt).toMatch(/Z$/);
    }
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(204);
  });

  it('retries a receiver that fails first, then records one delivered delivery, with no duplicate', async () => {
    receiver.script('/flaky', [503, 200]);
    const hook = await subscribe('/flaky', ['notification.created']);
    await service.notify([u.zhao.id], {
      type: 'alert_cc',
      title: '上海快消渠道组首次响应达标率 60.00%',
      payload: { withinTargetPct: 60 },
    });
    expect(await run()).toMatchObject({ processed: 1, delivered: 0, retrying: 1 });
    const [pending] = await deliveries(hook.id);
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    });
    // Not due before its backoff.
    expect(await run()).toMatchObject({ processed: 0 });

    expect(await fastForward()).toBe(1);
    expect(await run()).toMatchObject({ processed: 1, delivered: 1 });
    expect(await run()).toMatchObject({ processed: 0 });

    const log = await deliveries(hook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: pending.id,
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    });
    const received = receiver.at('/flaky');
    expect(received).toHaveLength(2);
    // The same delivery id (the receiver's idempotency key) and body at each attempt.
    expect(received.map((request) => request.headers['x-delivery-id'])).toEqual([
      pending.id,
      pending.id,
    ]);
    expect(received[1].body).toBe(received[0].body);
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(204);
  });

  it(`after 6 failed attempts a delivery is dead, keeping its last error`, async () => {
    receiver.script('/down', [500]);
    const hook = await subscribe('/down', ['alert.triggered']);
    expect(await service.publish('alert.triggered', { title: '复购率预警', ratePct: 12.5 })).toBe(
      1,
    );
    const endings = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await run();
      endings.push([result.retrying, result.dead]);
      await fastForward();
    }
    expect(endings).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    // The dead letter is buried without counting twice.
    expect(await run()).toMatchObject({ processed: 0, dead: 0 });
    const [dead] = await deliveries(hook.id);
    expect(dead).toMatchObject({
      status: 'dead',
      attempts: 6,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(receiver.at('/down')).toHaveLength(6);
    const listed = await app.get(`/webhooks/${hook.id}/deliveries?status=dead`, app.adminAuth);
    expect((listed.body as { items: Delivery[] }).items.map((d) => d.id)).toEqual([dead.id]);
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(204);
  });

  it('sends a WeCom group-robot markdown message to a wecom subscription, and needs errcode 0', async () => {
    receiver.script('/cgi-bin/webhook/send?key=robot', [200], '{"errcode":0,"errmsg":"ok"}');
    receiver.script(
      '/cgi-bin/webhook/send?key=bad',
      [200],
      '{"errcode":93000,"errmsg":"invalid webhook url"}',
    );
    const robot = await subscribe(
      '/cgi-bin/webhook/send?key=robot',
      ['funnel_anomaly.flagged'],
      'wecom',
    );
    const bad = await subscribe(
      '/cgi-bin/webhook/send?key=bad',
      ['funnel_anomaly.flagged'],
      'wecom',
    );
    expect(
      await service.publish('funnel_anomaly.flagged', {
        title: '2026-W49 报价流失率 45.45% 超过均值 + 2σ',
        week: '2026-W49',
        lossRatePct: 45.45,
      }),
    ).toBe(2);
    expect(await run()).toMatchObject({ processed: 2, delivered: 1, retrying: 1 });

    const [request] = receiver.at('/cgi-bin/webhook/send?key=robot');
    const body = JSON.parse(request.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    const lines = body.markdown.content.split('\n');
    expect(lines[0]).toBe('### 【漏斗异常】2026-W49 报价流失率 45.45% 超过均值 + 2σ');
    expect(lines[1]).toBe('> 事件：funnel_anomaly.flagged');
    expect(lines[2]).toMatch(/^> 时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(lines.slice(3)).toEqual(['> week：2026-W49', '> lossRatePct：45.45']);
    // Signed all the same.
    expect(
      verifyWebhook(
        SECRET,
        {
          signature: request.headers['x-signature'] as string,
          timestamp: request.headers['x-timestamp'] as string,
        },
        request.body,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    const [refused] = await deliveries(bad.id);
    expect(refused).toMatchObject({
      status: 'pending',
      lastStatusCode: 200,
      lastError: 'WeCom errcode 93000 invalid webhook url',
    });
    await app.delete(`/webhooks/${robot.id}`, app.adminAuth).expect(204);
    await app.delete(`/webhooks/${bad.id}`, app.adminAuth).expect(204);
    // The refused delivery's queued retry finds its delivery gone, and ends.
    await fastForward();
    expect(await run()).toEqual({ processed: 1, delivered: 0, failed: 0, retrying: 0, dead: 0 });
  });

  it('never shows the secret, and keeps it sealed at rest', async () => {
    const created = await app
      .post('/webhooks', app.adminAuth, {
        url: `${receiver.url}/secret`,
        events: ['alert.triggered'],
        secret: SECRET,
      })
      .expect(201);
    const hook = created.body as { id: string };
    expect(created.headers.location).toBe(`${API}/webhooks/${hook.id}`);
    expect(created.body).toEqual({
      id: hook.id,
      url: `${receiver.url}/secret`,
      events: ['alert.triggered'],
      format: 'json',
      active: true,
      createdBy: expect.any(String),
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      version: 1,
    });
    const answers = [
      created.text,
      (await app.get(`/webhooks/${hook.id}`, app.adminAuth).expect(200)).text,
      (await app.get('/webhooks', app.adminAuth).expect(200)).text,
      (await app.get(`/webhooks/${hook.id}/deliveries`, app.adminAuth).expect(200)).text,
    ];
    for (const text of answers) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('"secret"');
    }
    const [row] = await app.sql<{ secret: string }>('SELECT secret FROM webhooks WHERE id = $1', [
      hook.id,
    ]);
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(SECRET);
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(204);
    await app.get(`/webhooks/${hook.id}`, app.adminAuth).expect(404);
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(404);
  });

  it('validates subscriptions and keeps them to admins and integrators', async () => {
    const body = { url: `${receiver.url}/x`, events: ['alert.triggered'], secret: SECRET };
    for (const url of [
      'ftp://example.com/hook',
      'javascript:alert(1)',
      'http://user:pw@example.com/',
      '不是网址',
    ]) {
      const response = await app.post('/webhooks', app.adminAuth, { ...body, url }).expect(400);
      expect(
        (response.body as { errors: { field: string }[] }).errors.map((e) => e.field),
      ).toContain('url');
    }
    const unknownEvent = await app
      .post('/webhooks', app.adminAuth, { ...body, events: ['customer.deleted'] })
      .expect(400);
    expect((unknownEvent.body as { errors: { field: string }[] }).errors[0].field).toMatch(
      /^events/,
    );
    await app.post('/webhooks', app.adminAuth, { ...body, secret: 'short' }).expect(400);
    await app.post('/webhooks', app.adminAuth, { ...body, format: 'dingtalk' }).expect(400);
    await app.post('/webhooks', u.wang.auth, body).expect(403);
    await app.get('/webhooks', u.zhou.auth).expect(403);

    const key = await app
      .post('/api-keys', app.adminAuth, { name: '告警推送集成', roles: ['integrator'] })
      .expect(201);
    const apiKey = (key.body as { key: string }).key;
    const made = await app
      .api()
      .post(`${API}/webhooks`)
      .set('x-api-key', apiKey)
      .send(body)
      .expect(201);
    expect((made.body as { createdBy: string | null }).createdBy).toBeNull();
    // An API key has no inbox: an empty one, as it has no todos.
    const empty = await app.api().get(`${API}/notifications`).set('x-api-key', apiKey).expect(200);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
    await app.delete(`/webhooks/${(made.body as { id: string }).id}`, app.adminAuth).expect(204);
  });

  it('keeps each inbox to its owner: lists, filters, marks read once, and 404s for others', async () => {
    const key = `e2e-inbox:${Date.now()}`;
    const note = {
      type: 'kb_push',
      title: '本周知识推送：《工业配件竞品对比话术包》',
      payload: { articleId: 'a1', sentAt: new Date('2026-12-06T10:30:00+08:00') },
      dedupeKey: key,
    };
    expect(await service.notify([u.liu.id, u.sun.id], note)).toBe(2);
    // A re-run adds nothing.
    expect(await service.notify([u.liu.id, u.sun.id], note)).toBe(0);
    expect(
      await service.notify([u.liu.id], {
        type: 'alert_cc',
        title: '上海快消渠道组合规率 70.00%',
        payload: {},
      }),
    ).toBe(1);

    const all = await inbox(u.liu.auth);
    expect(all.map((n) => n.title)).toEqual([
      '上海快消渠道组合规率 70.00%',
      '本周知识推送：《工业配件竞品对比话术包》',
    ]);
    expect(all.every((n) => n.userId === u.liu.id && n.readAt === null && n.version === 1)).toBe(
      true,
    );
    const push = all[1];
    expect(push.payload).toEqual({ articleId: 'a1', sentAt: '2026-12-06T02:30:00.000Z' });
    expect((await inbox(u.liu.auth, '?type=kb_push')).map((n) => n.id)).toEqual([push.id]);

    const read = await app.post(`/notifications/${push.id}/read`, u.liu.auth).expect(200);
    const readBody = read.body as Notification;
    expect(readBody).toMatchObject({ id: push.id, version: 2 });
    expect(readBody.readAt).toMatch(/Z$/);
    // Again: nothing changes.
    const again = await app.post(`/notifications/${push.id}/read`, u.liu.auth).expect(200);
    expect(again.body).toEqual(read.body);

    expect((await inbox(u.liu.auth, '?unread=true')).map((n) => n.id)).toEqual([all[0].id]);
    expect((await inbox(u.liu.auth, '?unread=false')).map((n) => n.id)).toEqual([push.id]);
    await app.get('/notifications?unread=yes', u.liu.auth).expect(400);

    // sun's copy, and liu's to sun (even though sun supervises liu): 404 for the other.
    const [sunsPush] = await inbox(u.sun.auth, '?type=kb_push');
    await app.post(`/notifications/${sunsPush.id}/read`, u.liu.auth).expect(404);
    await app.post(`/notifications/${all[0].id}/read`, u.sun.auth).expect(404);
    await app.post(`/notifications/${all[0].id}/read`, app.adminAuth).expect(404);
    expect((await inbox(u.sun.auth)).map((n) => n.id)).toEqual([sunsPush.id]);

    const readAll = await app.post('/notifications/read-all', u.liu.auth).expect(200);
    expect(readAll.body).toEqual({ updated: 1 });
    expect((await app.post('/notifications/read-all', u.liu.auth).expect(200)).body).toEqual({
      updated: 0,
    });
    expect(await inbox(u.liu.auth, '?unread=true')).toEqual([]);
    // sun's stays unread.
    expect((await inbox(u.sun.auth, '?unread=true')).map((n) => n.id)).toEqual([sunsPush.id]);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const hook = await subscribe('/rollback', ['notification.created']);
    const tx = app.running.app.get(TransactionHost);
    await expect(
      tx.withTransaction(async () => {
        await service.notify([u.zhou.id], { type: 'alert_cc', title: '回滚的通知', payload: {} });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await inbox(u.zhou.auth)).toEqual([]);
    expect(await run()).toMatchObject({ processed: 0 });
    expect(await deliveries(hook.id)).toEqual([]);
    await app.delete(`/webhooks/${hook.id}`, app.adminAuth).expect(204);
  });
});
