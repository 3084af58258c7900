import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

describe('follow-up confirmations', () => {
  let app: TestApp;
  let u: EastRegion;
  let customerId: string;
  let phoneSeq = 0;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
    const response = await app
      .post('/customers', u.wang.auth, {
        name: '宁波某烘焙连锁',
        phone: '13900001111',
      })
      .expect(201);
    customerId = (response.body as { id: string }).id;
  });
  afterAll(() => app.close());

  /** The customer's browser: no credentials, its own IP. */
  const publicGet = (url: string, ip = '203.0.113.7') =>
    app.api().get(url).set('x-forwarded-for', ip);
  const publicPost = (url: string, ip = '203.0.113.7') =>
    app.api().post(url).set('x-forwarded-for', ip).set('user-agent', 'Mozilla/5.0 WeChat');

  async function followUp(): Promise<string> {
    const response = await app
      .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
        channel: 'wechat',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        summary: `门店试吃活动复盘，客户同意下月追加订货 ${++phoneSeq}`,
        nextTouchAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function link(followUpId: string) {
    const response = await app
      .post(`/follow-ups/${followUpId}/confirmations`, u.wang.auth)
      .expect(201);
    return response.body as { token: string; url: string; expiresAt: string };
  }

  it('makes an unguessable, expiring link under the public path', async () => {
    const id = await followUp();
    const made = await link(id);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(made.url).toBe(`${API}/public/confirmations/${made.token}`);
    const ttl = Date.parse(made.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(167 * 3_600_000);
    expect(ttl).toBeLessThanOrEqual(168 * 3_600_000);
    const [stored] = await app.sql<{ tokenSha256: string }>(
      `SELECT token_sha256 AS "tokenSha256" FROM follow_up_confirmations WHERE follow_up_id = $1`,
      [id],
    );
    expect(stored.tokenSha256).not.toContain(made.token);
  });

  it('shows the customer a Chinese page, then records the confirmation once', async () => {
    const id = await followUp();
    const { url } = await link(id);
    const page = await publicGet(url).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");
    expect(page.text).toContain('请确认本次沟通记录');
    expect(page.text).toContain('宁波某烘焙连锁');

    const confirmed = await publicPost(url).expect(200);
    const { confirmedAt } = confirmed.body as { confirmedAt: string };
    expect(confirmed.body).toEqual({ followUpId: id, confirmedAt });
    const read = await app.get(`/follow-ups/${id}`, u.wang.auth);
    expect(read.body).toMatchObject({ confirmedAt });
    const [recorded] = await app.sql<{ ip: string; userAgent: string }>(
      `SELECT used_from_ip AS ip, used_user_agent AS "userAgent" FROM follow_up_confirmations
       WHERE follow_up_id = $1`,
      [id],
    );
    expect(recorded).toEqual({ ip: '203.0.113.7', userAgent: 'Mozilla/5.0 WeChat' });

    const again = await publicPost(url);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFIRMATION_USED', confirmedAt });
    const usedPage = await publicGet(url).expect(409);
    expect(usedPage.text).toContain('已确认');
  });

  it('lets one of two simultaneous clicks confirm', async () => {
    const { url } = await link(await followUp());
    const statuses = (await Promise.all([publicPost(url), publicPost(url), publicPost(url)]))
      .map((response) => response.status)
      .sort();
    expect(statuses).toEqual([200, 409, 409]);
  });

  it('refuses an expired link with 410, on the page and the POST', async () => {
    const id = await followUp();
    const { url } = await link(id);
    await app.sql(
      `UPDATE follow_up_confirmations SET expires_at = now() - interval '1 minute'
       WHERE follow_up_id = $1`,
      [id],
    );
    const page = await publicGet(url).expect(410);
    expect(page.text).toContain('链接已过期');
    const response = await publicPost(url);
    expect(response.status).toBe(410);
    expect(response.body).toMatchObject({ code: 'CONFIRMATION_EXPIRED' });
  });

  it('answers 404 for a guessed token', async () => {
    const guessed = `${API}/public/confirmations/${'A'.repeat(43)}`;
    const page = await publicGet(guessed).expect(404);
    expect(page.text).toContain('链接无效');
    const response = await publicPost(guessed);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'CONFIRMATION_NOT_FOUND' });
  });

  it('refuses a new link for a confirmed follow-up, and keeps links in the data scope', async () => {
    const id = await followUp();
    await publicPost((await link(id)).url).expect(200);
    const response = await app.post(`/follow-ups/${id}/confirmations`, u.wang.auth);
    expect(response.status).toBe(409);
    await app.post(`/follow-ups/${await followUp()}/confirmations`, u.liu.auth).expect(404);
  });

  it('rate-limits one client IP, with Retry-After', async () => {
    const guessed = `${API}/public/confirmations/${'B'.repeat(43)}`;
    const ip = '198.51.100.9';
    for (let i = 0; i < 30; i++) await publicGet(guessed, ip).expect(404);
    const limited = await publicPost(guessed, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    await publicGet(guessed, '198.51.100.10').expect(404);
  });
});
