import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { OrgFactory } from '../support/factories';
import { ADMIN_PASSWORD, createTestApp, TestApp } from '../support/test-app';

/**
 * A real browser, Debian's chromium (`apt-get install chromium`), driven
 * headless by playwright-core. Without one the suite is skipped, and its name
 * says why; CI sets REQUIRE_BROWSER=1 (.ci/run), which makes that a failure.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => Boolean(path && existsSync(path)),
);
if (!CHROMIUM && process.env.REQUIRE_BROWSER === '1') {
  throw new Error('REQUIRE_BROWSER=1, but no chromium was found: apt-get install -y chromium');
}
const SKIPPED =
  'SKIPPED the real-browser test: no chromium binary (apt-get install -y chromium, or set CHROMIUM_PATH)';
// Skipped tests are only counted in jest's summary; this says which and why.
// eslint-disable-next-line no-console
if (!CHROMIUM) console.warn(SKIPPED);
const SUITE = 'a frontend in a real browser (headless chromium)';
const describeInBrowser = CHROMIUM ? describe : describe.skip;
const suiteName = CHROMIUM ? SUITE : `${SUITE}: ${SKIPPED}`;

const FRONTEND = readFileSync(join(__dirname, 'frontend.html'));

/** The third-party frontend's own origin: another port than the API's. */
function serveFrontend(): Promise<Server> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : FRONTEND);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/**
 * Run in the page before its own scripts (as a string: this project's types
 * have no DOM). Each CSP violation is reported to the document as an event.
 */
const COLLECT_CSP_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(event.violatedDirective + ' blocked ' + event.blockedURI));
`;

const ANSWERED_WITH_ERROR_STATUS =
  /^Failed to load resource: the server responded with a status of/;

/**
 * Opens `url` in a new page and collects what the browser refused: CSP
 * violations (a listener set before any script of the page runs) and console
 * errors, such as a CORS refusal.
 */
async function open(
  browser: Browser,
  url: string,
): Promise<{ page: Page; refused: () => Promise<string[]> }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // An error status the page asked for (the stale If-Match) is logged too; it refuses nothing.
    if (message.type() === 'error' && !ANSWERED_WITH_ERROR_STATUS.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: COLLECT_CSP_VIOLATIONS });
  await page.goto(url);
  const refused = async () => [...(await page.evaluate<string[]>('cspViolations')), ...errors];
  return { page, refused };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeInBrowser(suiteName, () => {
  let app: TestApp;
  let api: string;
  let frontend: Server;
  let browser: Browser;

  beforeAll(async () => {
    // The default CORS_ORIGINS, `*`: what a newcomer's install answers.
    app = await createTestApp();
    await app.running.app.listen(0, '127.0.0.1');
    api = origin(app.running.app.getHttpServer());
    frontend = await serveFrontend();
    // Without chromium's sandbox (playwright's default), which cannot start as root, as CI runs.
    browser = await chromium.launch({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => frontend?.close(resolve));
    await app?.close();
  });

  it('logs in, creates with Idempotency-Key, edits with If-Match and lists, from another origin', async () => {
    const query = new URLSearchParams({ api, username: 'admin', password: ADMIN_PASSWORD });
    const { page, refused } = await open(browser, `${origin(frontend)}/?${query.toString()}`);
    expect(origin(frontend)).not.toBe(api);
    await page.waitForSelector('#result[data-done]');
    const outcome = JSON.parse((await page.textContent('#result'))!);
    expect(outcome.error).toBeUndefined();
    const id = outcome.created.id as string;
    expect(outcome).toMatchObject({
      login: { status: 200, rateLimitRemaining: '10' },
      created: { status: 201, location: `/api/v1/customers/${id}`, replayed: 'false' },
      replayed: { status: 201, id, replayed: 'true' },
      edited: { status: 200, city: '宁波', version: 2 },
      stale: { status: 409, code: 'STALE_VERSION' },
      listed: { status: 200, cacheControl: 'no-store' },
      revoked: { status: 204 },
    });
    expect(outcome.created.requestId).toMatch(UUID);
    expect(outcome.stale.requestId).toMatch(UUID);
    expect(outcome.listed.requestId).toMatch(UUID);
    expect(outcome.listed.ids).toContain(id);
    expect(await refused()).toEqual([]);
    const [stored] = await app.sql<{ city: string }>('SELECT city FROM customers WHERE id = $1', [
      id,
    ]);
    expect(stored.city).toBe('宁波');
  });

  it('renders Swagger UI at /docs with no CSP violation', async () => {
    const { page, refused } = await open(browser, `${api}/docs`);
    await page.waitForSelector('.swagger-ui .opblock', { timeout: 15_000 }).catch(async () => {
      throw new Error(
        `Swagger UI did not render; the browser refused: ${(await refused()).join('; ')}`,
      );
    });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Sales-management API');
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
    expect(await refused()).toEqual([]);
    // The policy is enforced, and a violation would have been seen: an injected inline script is refused.
    await page.addScriptTag({ content: 'window.injected = true' }).catch(() => undefined);
    expect(await page.evaluate<boolean>("'injected' in window")).toBe(false);
    expect((await refused()).join()).toContain('script-src');
  });

  it('lets a customer confirm a follow-up on the public page', async () => {
    const org = new OrgFactory(app);
    const team = await org.orgUnit({ type: 'team' });
    const rep = await org.user({ roles: ['rep'], orgUnitId: team });
    const customer = await app
      .post('/customers', rep.auth, { name: '宁波某烘焙连锁', phone: '+8613987654321' })
      .expect(201);
    const followUp = await app
      .post(`/customers/${customer.body.id}/follow-ups`, rep.auth, {
        channel: 'wechat',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        summary: '门店试吃活动复盘，客户同意下月追加订货',
        nextTouchAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
      })
      .expect(201);
    const link = await app
      .post(`/follow-ups/${followUp.body.id}/confirmations`, rep.auth)
      .expect(201);

    const { page, refused } = await open(browser, `${api}${link.body.url}`);
    expect(await page.textContent('h1')).toBe('请确认本次沟通记录');
    await page.click('#confirm');
    await page.waitForSelector('#result:not(:empty)');
    expect(await page.textContent('#result')).toBe('已确认，感谢您的反馈！');
    expect(await refused()).toEqual([]);
    const read = await app.get(`/follow-ups/${followUp.body.id}`, rep.auth).expect(200);
    expect(read.body.confirmedAt).toEqual(expect.any(String));
  });
});
