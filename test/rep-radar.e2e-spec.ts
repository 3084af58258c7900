import { Resvg } from '@resvg/resvg-js';
import { randomUUID } from 'node:crypto';
import type { Role } from '../src/core/auth/roles';
import { BookFactory, OrgFactory, TestUser } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

interface Axis {
  key: string;
  label: string;
  value: number | null;
  teamPercentile: number | null;
  definition: string;
}

interface Radar {
  userId: string;
  name: string;
  from: string;
  to: string;
  teamSize: number;
  axes: Axis[];
  definition: string;
}

const FONT_FILE =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
/** November 2026 in Shanghai; the repurchase base is 4 October to 1 November. */
const RANGE = 'from=2026-11-01&to=2026-12-01';

/**
 * 杭州一组 (supervisor 李娜, reps 王磊, 赵敏, 刘洋) and 上海组 (rep 孙丽), both
 * under 周涛, regional director of 华东大区. In November (Shanghai):
 * - first response (target 15 min): 王磊 answers 2 inquiries after 5 and 30
 *   minutes (50), 赵敏 1 after 3 (100), 刘洋 1 after 60 (0), 孙丽 1 after 1;
 * - compliance: 王磊 promised 11-06 and kept it early, promised 11-07 and
 *   never came back (50); the others promised nothing due in November (null);
 * - quotes: 王磊 won 3 at list price and lost 1 at 10 % off (win 75; price
 *   100 − 10 / 4 = 97.5; his draft at 15 % off is not offered); 赵敏 lost 1 at
 *   list price (win 0, price 100); 刘洋 quoted nothing (null, null);
 * - follow-up depth: 王磊's 3 follow-ups carry 2 transcripts and 2 sets of
 *   objections (4 of 6 points: 66.67); 赵敏's and 刘洋's one each, neither (0);
 * - repurchase: 王磊's 3 October buyers, 1 back (his won quotes' orders):
 *   33.33; 赵敏's 1 of 1 (100); 刘洋's 0 of 1 (0).
 * 孙丽 answers within target too, but in another team: she ranks with no one here.
 */
describe('rep radar (API.md §11)', () => {
  let app: TestApp;
  let org: OrgFactory;
  let book: BookFactory;
  let quotes: QuoteFactory;
  let bearing: TestProduct;
  let zhou: TestUser;
  let li: TestUser;
  let wang: TestUser;
  let zhao: TestUser;
  let liu: TestUser;
  let sun: TestUser;

  const person = (displayName: string, roles: Role[], orgUnitId: string, supervisorId?: string) =>
    org.user({ displayName, roles, orgUnitId, supervisorId });
  const radar = async (auth: string, query = '', language = 'en') =>
    (
      await app
        .get(`/insights/rep-radar?${RANGE}${query}`, auth)
        .set('accept-language', language)
        .expect(200)
    ).body as Radar;
  const figures = (body: Radar) =>
    body.axes.map(({ key, label, value, teamPercentile }) => ({
      key,
      label,
      value,
      teamPercentile,
    }));

  async function inquiry(customerId: string, receivedAt: string) {
    await app
      .post('/inquiries', app.adminAuth, {
        customerId,
        channel: 'web',
        receivedAt,
        content: '官网留言：询问 6205 轴承批量采购。',
      })
      .expect(201);
  }

  async function followUp(
    author: TestUser,
    customerId: string,
    occurredAt: string,
    nextTouchAt: string,
    evidence: { summary?: string; transcript?: string } = {},
  ) {
    await app
      .post(`/customers/${customerId}/follow-ups`, author.auth, {
        channel: 'wechat',
        occurredAt,
        summary: evidence.summary ?? '微信回复客户，已发送产品资料。',
        transcript: evidence.transcript
          ? [{ at: occurredAt, speaker: 'customer', text: evidence.transcript }]
          : undefined,
        nextTouchAt,
      })
      .expect(201);
  }

  /** A quote of 10 bearings at `unitPrice` (list 42.00), by the customer's owner. */
  async function quote(owner: TestUser, customerId: string, unitPrice: string): Promise<string> {
    const response = await app
      .post('/quotes', owner.auth, {
        customerId,
        lines: [{ productId: bearing.id, qty: 10, unitPrice }],
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function won(owner: TestUser, customerId: string, signedAt: string) {
    const id = await quote(owner, customerId, '42.00');
    await app.post(`/quotes/${id}/submit`, owner.auth).expect(200);
    await app.post(`/quotes/${id}/contract`, owner.auth, { signedAt }).expect(201);
  }

  async function lost(owner: TestUser, customerId: string, unitPrice: string, at: string) {
    const id = await quote(owner, customerId, unitPrice);
    await app.post(`/quotes/${id}/lose`, owner.auth, { reason: '客户选择了竞品', at }).expect(200);
  }

  beforeAll(async () => {
    app = await createTestApp();
    org = new OrgFactory(app);
    book = new BookFactory(app);
    quotes = new QuoteFactory(app);
    const east = await org.orgUnit({ type: 'region', name: '华东大区' });
    const hangzhou = await org.orgUnit({ type: 'team', name: '杭州一组', parentId: east });
    const shanghai = await org.orgUnit({ type: 'team', name: '上海组', parentId: east });
    zhou = await person('周涛', ['regional_director'], east);
    li = await person('李娜', ['supervisor'], hangzhou, zhou.id);
    wang = await person('王磊', ['rep'], hangzhou, li.id);
    zhao = await person('赵敏', ['rep'], hangzhou, li.id);
    liu = await person('刘洋', ['rep'], hangzhou, li.id);
    sun = await person('孙丽', ['rep'], shanghai, zhou.id);
    bearing = await quotes.product();

    const [a, b, c] = [
      await book.customer('宁波甬达五金', wang.id),
      await book.customer('温州瓯江机电', wang.id),
      await book.customer('杭州钱塘轴承', wang.id),
    ];
    const d = await book.customer('绍兴柯桥纺机', zhao.id);
    const e = await book.customer('嘉兴南湖电器', liu.id);
    const f = await book.customer('上海浦江商贸', sun.id);

    for (const [customerId, orderedAt] of [
      [a, '2026-10-10T10:00:00+08:00'],
      [b, '2026-10-20T10:00:00+08:00'],
      [c, '2026-10-25T10:00:00+08:00'],
      [d, '2026-10-15T10:00:00+08:00'],
      [d, '2026-11-20T10:00:00+08:00'],
      [e, '2026-10-16T10:00:00+08:00'],
    ]) {
      await book.order({ customerId, amount: '500.00', orderedAt });
    }

    await inquiry(a, '2026-11-03T10:00:00+08:00');
    await inquiry(b, '2026-11-04T10:00:00+08:00');
    await inquiry(d, '2026-11-05T10:00:00+08:00');
    await inquiry(e, '2026-11-06T10:00:00+08:00');
    await inquiry(f, '2026-11-05T10:00:00+08:00');
    const later = '2027-01-10T10:00:00+08:00';
    await followUp(wang, a, '2026-11-03T10:05:00+08:00', '2026-11-06T10:00:00+08:00', {
      summary: '客户觉得价格偏高，希望再给一些折扣。',
      transcript: '这个价格比去年贵了不少。',
    });
    await followUp(wang, b, '2026-11-04T10:30:00+08:00', '2026-11-07T10:00:00+08:00');
    await followUp(wang, a, '2026-11-06T09:00:00+08:00', later, {
      summary: '客户确认型号，关心交期能否提前。',
      transcript: '下个月初能到货吗？',
    });
    await followUp(zhao, d, '2026-11-05T10:03:00+08:00', later);
    await followUp(liu, e, '2026-11-06T11:00:00+08:00', later);
    await followUp(sun, f, '2026-11-05T10:01:00+08:00', later);

    await won(wang, a, '2026-11-10T10:00:00+08:00');
    await won(wang, a, '2026-11-17T10:00:00+08:00');
    await won(wang, a, '2026-11-24T10:00:00+08:00');
    await lost(wang, b, '37.80', '2026-11-20T10:00:00+08:00');
    await quote(wang, c, '35.70');
    await lost(zhao, d, '42.00', '2026-11-21T10:00:00+08:00');
    // Quotes are made now; the range is November's.
    await app.sql(`UPDATE quotes SET created_at = '2026-11-09T10:00:00+08:00'`);
  });
  afterAll(() => app.close());

  const WANG = [
    { key: 'first_response', label: '首响速度', value: 50, teamPercentile: 50 },
    { key: 'compliance', label: '行动合规', value: 50, teamPercentile: null },
    { key: 'win_rate', label: '赢单率', value: 75, teamPercentile: 100 },
    { key: 'price_discipline', label: '价格纪律', value: 97.5, teamPercentile: 0 },
    { key: 'follow_up_depth', label: '跟进深度', value: 66.67, teamPercentile: 100 },
    { key: 'repurchase', label: '复购', value: 33.33, teamPercentile: 50 },
  ];

  it('measures each axis as computed by hand and ranks it among the team’s reps', async () => {
    const body = await radar(wang.auth);
    expect(body).toMatchObject({
      userId: wang.id,
      name: '王磊',
      from: '2026-11-01',
      to: '2026-12-01',
      teamSize: 3,
    });
    expect(figures(body)).toEqual(WANG);
    expect(body.axes[0].definition).toContain('within 15 minutes');
    expect(body.definition).toContain('an equal value counting half');
  });

  it('defaults to the caller, counts a tie half, and speaks Chinese when asked', async () => {
    const body = await radar(zhao.auth, '', 'zh-CN');
    expect(body.userId).toBe(zhao.id);
    expect(figures(body).map(({ value, teamPercentile }) => [value, teamPercentile])).toEqual([
      [100, 100],
      [null, null],
      [0, 0],
      [100, 100],
      // 0 against 王磊's 66.67 and 刘洋's 0: half a peer of two.
      [0, 25],
      [100, 100],
    ]);
    expect(body.axes[5].definition).toContain('4 周内下过订单');
    expect(body.definition).toContain('相等者计一半');
  });

  it('answers for a user in the caller’s data scope only, else 404', async () => {
    const forWang = `&userId=${wang.id}`;
    expect(figures(await radar(li.auth, forWang))).toEqual(WANG);
    expect(figures(await radar(zhou.auth, forWang))).toEqual(WANG);
    expect(figures(await radar(app.adminAuth, forWang))).toEqual(WANG);
    for (const [auth, userId] of [
      [zhao.auth, wang.id],
      [sun.auth, wang.id],
      [li.auth, sun.id],
      [app.adminAuth, randomUUID()],
    ]) {
      await app.get(`/insights/rep-radar?${RANGE}&userId=${userId}`, auth).expect(404);
    }
    // A supervisor's own radar ranks it among its unit's reps; it has no figures of its own.
    const own = await radar(li.auth);
    expect(own.teamSize).toBe(4);
    expect(own.axes.every((axis) => axis.value === null && axis.teamPercentile === null)).toBe(
      true,
    );
  });

  it('refuses a bad query with 400 naming the field', async () => {
    for (const [query, field] of [
      ['to=2026-12-01', 'from'],
      ['from=2026-12-01&to=2026-11-01', 'to'],
      [`${RANGE}&userId=wang`, 'userId'],
      [`${RANGE}&format=png`, 'format'],
      [`${RANGE}&team=1`, 'team'],
    ]) {
      const response = await app.get(`/insights/rep-radar?${query}`, wang.auth).expect(400);
      const errors = (response.body as { errors: { field: string }[] }).errors;
      expect(errors.map((error) => error.field)).toContain(field);
    }
  });

  it('draws the radar as SVG with the Chinese labels and figures, well-formed', async () => {
    const response = await app
      .get(`/insights/rep-radar?${RANGE}&userId=${wang.id}&format=svg`, li.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = response.body as string;
    expect(svg).toContain('<title>销售雷达：王磊 2026-11-01 至 2026-12-01</title>');
    for (const { label } of WANG) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>75（团队百分位 100）</text>');
    expect(svg).toContain('>50（无团队对比）</text>');
    // resvg parses the XML strictly: a malformed document throws here.
    const image = new Resvg(svg, {
      font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
    }).render();
    expect(image.asPng().subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});
