/**
 * The metrics benchmark's book (issue 16), generated set-based in SQL (generate_series,
 * INSERT … SELECT) through one connection, nothing disabled: every trigger and index the app
 * relies on stays in place, and the rows are what the app itself writes.
 *
 * - 4 regions, each with 4 teams and 2 stores; a supervisor per team, a store manager per store;
 *   200 reps (10 per team, 5 per store), their `supervisor_id` the unit's manager.
 * - CUSTOMERS customers, one in a hundred in the pool (no owner), the rest spread over the reps;
 *   a store rep's customers carry the store's id.
 * - INQUIRIES inquiries (5 per customer) over the last 365 days, six channels; seven in ten are
 *   answered by a follow-up 3 minutes to 8 hours later.
 * - FOLLOW_UPS follow-ups in all (the answers included), spread over the last 365 days; two in
 *   five set `next_touch_at` 1 to 7 days later, and each of those opens an obligation as
 *   `FollowUpsService.settleObligations` does (grace 24 h, the setting's default), fulfilled by
 *   the customer's earliest later touch within its grace, as `ObligationsRepository.fulfil`
 *   decides. Some carry a stage (contacted, quoted, won) for the funnel.
 * - QUOTES quotes (2 or 3 per customer), each with its version 1: a quarter won (with a contract
 *   signed 1 to 15 days after the quote; one in five of those needed approval, granted before the
 *   signature nine times in ten), a quarter lost (`lost_at` 1 to 20 days after), the rest
 *   approved, draft, pending or rejected.
 * - ORDERS orders (5 per customer) over the last 365 days, `store_id` set for store customers.
 */
import { Client } from 'pg';
import { withClient } from './bench-support';
import { round, timed } from './harness';

export const CUSTOMERS = Number(process.env.BENCH_METRICS_CUSTOMERS ?? 200_000);
export const INQUIRIES_PER_CUSTOMER = 5;
export const FOLLOW_UPS = Number(process.env.BENCH_METRICS_FOLLOW_UPS ?? 5_000_000);
export const QUOTES = Number(process.env.BENCH_METRICS_QUOTES ?? 500_000);
export const ORDERS_PER_CUSTOMER = 5;
const MINUTES_A_YEAR = 525_600;

const REGIONS = ['华东大区', '华南大区', '华北大区', '西南大区'];
const CHANNELS_INQUIRY = `ARRAY['phone', 'wechat', 'web', 'store', 'email', 'exhibition']`;
const CHANNELS_FOLLOW_UP = `ARRAY['visit', 'call', 'meeting', 'wechat', 'email', 'store']`;
const QUOTE_LINE = JSON.stringify([
  {
    productId: null,
    sku: 'BRG-6205-2RS',
    name: '深沟球轴承 6205-2RS',
    unit: '个',
    taxRatePct: 13,
    qty: '100',
    unitPrice: '42.00',
  },
]);

export interface Org {
  /** The first team's unit, managed by the supervisor the bench signs in as. */
  firstTeamId: string;
  firstStoreId: string;
}

/** The org units, before any user exists (the measured supervisor is created through the API). */
export async function seedOrgUnits(url: string): Promise<Org> {
  return withClient(url, async (client) => {
    await client.query(
      `INSERT INTO org_units (name, type) SELECT name, 'region' FROM unnest($1::text[]) name`,
      [REGIONS],
    );
    await client.query(
      `INSERT INTO org_units (name, type, parent_id)
       SELECT left(r.name, 2) || '销售' || t || '组', 'team', r.id
       FROM org_units r CROSS JOIN generate_series(1, 4) t WHERE r.type = 'region'`,
    );
    await client.query(
      `INSERT INTO org_units (name, type, parent_id)
       SELECT left(r.name, 2) || CASE s WHEN 1 THEN '旗舰店' ELSE '社区店' END, 'store', r.id
       FROM org_units r CROSS JOIN generate_series(1, 2) s WHERE r.type = 'region'`,
    );
    const { rows } = await client.query<{ type: string; id: string }>(
      `SELECT DISTINCT ON (type) type, id FROM org_units WHERE type IN ('team', 'store')
       ORDER BY type, name, id`,
    );
    const id = (type: string) => rows.find((row) => row.type === type)!.id;
    return { firstTeamId: id('team'), firstStoreId: id('store') };
  });
}

/** Seconds each step took, in order. */
export type GenerationTimes = Record<string, number>;

/** Runs `sql` and records its seconds under `name`. */
export async function timedStep(
  times: GenerationTimes,
  name: string,
  client: Client,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  const { seconds } = await timed(() => client.query(sql, params));
  times[name] = round(seconds, 1);
}

/**
 * Everything but the org units and the two signed-in users: the other managers, the reps and
 * the book. `supervisorId` manages the first team; `passwordHash` is copied to the generated
 * users (nobody signs in as them).
 */
export async function seedBook(url: string, supervisorId: string): Promise<GenerationTimes> {
  const times: GenerationTimes = {};
  await withClient(url, async (client) => {
    await timedStep(
      times,
      'managers',
      client,
      `WITH units AS (
         SELECT o.id, o.type, row_number() OVER (ORDER BY o.type, o.name, o.id) AS k
         FROM org_units o WHERE o.type IN ('team', 'store') AND o.manager_id IS NULL
           AND o.id <> (SELECT org_unit_id FROM users WHERE id = $1)
       ),
       made AS (
         INSERT INTO users (username, password_hash, display_name, roles, org_unit_id)
         SELECT 'bench.manager' || k,
           (SELECT password_hash FROM users WHERE id = $1),
           CASE type WHEN 'team' THEN '主管' ELSE '店长' END || k || '号',
           ARRAY[CASE type WHEN 'team' THEN 'supervisor' ELSE 'store_manager' END], id
         FROM units RETURNING id, org_unit_id
       )
       UPDATE org_units o SET manager_id = made.id FROM made WHERE o.id = made.org_unit_id`,
      [supervisorId],
    );
    await client.query(
      `UPDATE org_units SET manager_id = $1 WHERE id = (SELECT org_unit_id FROM users WHERE id = $1)`,
      [supervisorId],
    );
    await timedStep(
      times,
      'reps',
      client,
      `WITH units AS (
         SELECT id, type, manager_id, row_number() OVER (PARTITION BY type ORDER BY name, id) AS k
         FROM org_units WHERE type IN ('team', 'store')
       )
       INSERT INTO users (username, password_hash, display_name, roles, org_unit_id, supervisor_id)
       SELECT 'bench.rep' || n, (SELECT password_hash FROM users WHERE id = $1),
         '销售' || n || '号', ARRAY['rep'], u.id, u.manager_id
       FROM generate_series(1, 200) n
       JOIN units u ON (n <= 160 AND u.type = 'team' AND u.k = (n - 1) / 10 + 1)
         OR (n > 160 AND u.type = 'store' AND u.k = (n - 161) / 5 + 1)`,
      [supervisorId],
    );
    await client.query(
      `CREATE TEMP TABLE bench_reps AS
       SELECT row_number() OVER (ORDER BY u.id)::int - 1 AS k, u.id,
         CASE WHEN o.type = 'store' THEN o.id END AS store_id
       FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username LIKE 'bench.rep%'`,
    );
    await timedStep(
      times,
      'customers',
      client,
      `INSERT INTO customers (name, phone, segment, city, owner_id, store_id, erp_code, stage, created_at)
       SELECT (ARRAY['杭州', '宁波', '上海', '苏州', '南京', '合肥'])[n % 6 + 1]
           || (ARRAY['工业配件', '五金机电', '烘焙原料', '快消批发'])[n % 4 + 1] || '客户' || n,
         '+86138' || lpad(n::text, 8, '0'),
         CASE WHEN r.store_id IS NULL THEN 'b2b' ELSE 'b2c' END,
         (ARRAY['杭州', '宁波', '上海', '苏州', '南京', '合肥'])[n % 6 + 1],
         CASE WHEN n % 100 = 0 THEN NULL ELSE r.id END,
         CASE WHEN n % 100 = 0 THEN NULL ELSE r.store_id END,
         'BENCH' || n, 'contacted',
         now() - ((n * 37) % 730) * interval '1 day' - (n % 1440) * interval '1 minute'
       FROM generate_series(1, $1) n JOIN bench_reps r ON r.k = n % 200`,
      [CUSTOMERS],
    );
    await client.query(
      `CREATE TEMP TABLE bench_customers AS
       SELECT substring(erp_code FROM 6)::int AS n, id, owner_id, store_id
       FROM customers WHERE erp_code LIKE 'BENCH%'`,
    );
    await client.query('ANALYZE bench_customers');
    await timedStep(
      times,
      'inquiries',
      client,
      `INSERT INTO inquiries (customer_id, channel, received_at, content, created_by, created_at)
       SELECT c.id, (${CHANNELS_INQUIRY})[(c.n + k) % 6 + 1], t.at,
         '询价：' || (ARRAY['轴承', '液压件', '烘焙原料', '包装材料'])[(c.n + k) % 4 + 1]
           || ' ' || (c.n % 50 + 1) * 10 || ' 件，请报价', c.owner_id, t.at
       FROM bench_customers c CROSS JOIN generate_series(1, ${INQUIRIES_PER_CUSTOMER}) k
       CROSS JOIN LATERAL (
         SELECT date_trunc('milliseconds', now())
           - ((c.n::bigint * 7919 + k * 104729) % ${MINUTES_A_YEAR}) * interval '1 minute' AS at
       ) t`,
    );
    // Seven in ten inquiries get an answer 3 minutes to 8 hours later (never in the future).
    await timedStep(
      times,
      'followUpsAnswering',
      client,
      `INSERT INTO follow_ups (customer_id, author_id, channel, occurred_at, summary, created_at)
       SELECT i.customer_id, c.owner_id,
         CASE i.channel WHEN 'phone' THEN 'call' WHEN 'store' THEN 'store'
           WHEN 'email' THEN 'email' ELSE 'wechat' END,
         a.at, '回复询价，已发送报价单与交期', a.at
       FROM inquiries i JOIN bench_customers c ON c.id = i.customer_id
       CROSS JOIN LATERAL (
         SELECT least(date_trunc('milliseconds', now()),
           i.received_at + (3 + (c.n * 13 + extract(minute FROM i.received_at)::int * 31) % 478)
             * interval '1 minute') AS at
       ) a
       WHERE (c.n * 3 + extract(minute FROM i.received_at)::int * 7) % 10 < 7`,
    );
    const { rows } = await client.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM follow_ups',
    );
    const rest = FOLLOW_UPS - rows[0].count;
    const perCustomer = Math.floor(rest / CUSTOMERS);
    const extra = rest - perCustomer * CUSTOMERS;
    // The rest: visits, calls, messages spread over the year; two in five promise a next touch.
    await timedStep(
      times,
      'followUpsOther',
      client,
      `INSERT INTO follow_ups (customer_id, author_id, channel, occurred_at, summary, next_touch_at,
         stage, created_at)
       SELECT c.id, c.owner_id, (${CHANNELS_FOLLOW_UP})[(c.n + k) % 6 + 1], t.at,
         (ARRAY['电话回访，确认采购计划', '上门拜访，演示样品', '微信沟通交期和付款方式',
                '门店接待，介绍新品'])[(c.n + k) % 4 + 1],
         CASE WHEN (c.n + k * 3) % 5 < 2
           THEN t.at + (1 + (c.n + k) % 7) * interval '1 day' END,
         CASE WHEN (c.n + k) % 50 = 0 THEN 'quoted' WHEN (c.n + k) % 50 = 1 THEN 'won'
           WHEN (c.n + k) % 5 = 0 THEN 'contacted' END,
         t.at
       FROM bench_customers c
       CROSS JOIN generate_series(1, $1 + CASE WHEN c.n <= $2 THEN 1 ELSE 0 END) k
       CROSS JOIN LATERAL (
         SELECT date_trunc('milliseconds', now())
           - ((c.n::bigint * 104723 + k * 91139) % ${MINUTES_A_YEAR}) * interval '1 minute' AS at
       ) t`,
      [perCustomer, extra],
    );
    // As settleObligations opens them and fulfil() settles them: the earliest later touch of
    // the customer within the grace (24 h after due) fulfils.
    await timedStep(
      times,
      'obligations',
      client,
      `INSERT INTO follow_up_obligations (follow_up_id, customer_id, owner_id, opened_at, due_at,
         grace_until, fulfilled_at, fulfilled_by_follow_up_id, created_at)
       SELECT f.id, f.customer_id, c.owner_id, f.occurred_at, f.next_touch_at,
         f.next_touch_at + make_interval(hours => 24), g.occurred_at, g.id, f.occurred_at
       FROM follow_ups f JOIN customers c ON c.id = f.customer_id
       LEFT JOIN LATERAL (
         SELECT g.id, g.occurred_at FROM follow_ups g
         WHERE g.customer_id = f.customer_id AND g.occurred_at > f.occurred_at
           AND g.occurred_at <= f.next_touch_at + make_interval(hours => 24)
         ORDER BY g.occurred_at, g.id LIMIT 1
       ) g ON TRUE
       WHERE f.next_touch_at IS NOT NULL`,
    );
    await timedStep(
      times,
      'lastInteraction',
      client,
      `UPDATE customers c SET last_interaction_at = f.at
       FROM (SELECT customer_id, max(occurred_at) AS at FROM follow_ups GROUP BY customer_id) f
       WHERE f.customer_id = c.id`,
    );
    const quotesPerCustomer = Math.floor(QUOTES / CUSTOMERS);
    const extraQuotes = QUOTES - quotesPerCustomer * CUSTOMERS;
    await timedStep(
      times,
      'quotes',
      client,
      `INSERT INTO quotes (number, customer_id, owner_id, status, totals, valid_until, lost_reason,
         lost_at, created_at)
       SELECT 'BQ' || lpad(c.n::text, 7, '0') || '-' || k, c.id,
         coalesce(c.owner_id, (SELECT id FROM bench_reps WHERE k = 0)), s.status,
         jsonb_build_object('amount', (a.amount)::numeric(14, 2)::text,
           'cost', (a.amount * 0.8)::numeric(14, 2)::text, 'marginPct', 20,
           'taxAmount', (a.amount * 0.13)::numeric(14, 2)::text,
           'amountWithTax', (a.amount * 1.13)::numeric(14, 2)::text),
         (t.at + interval '30 days')::date,
         CASE WHEN s.status = 'lost' THEN
           (ARRAY['价格偏高', '交期太长', '客户预算取消', '选择了竞品'])[(c.n + k) % 4 + 1] END,
         CASE WHEN s.status = 'lost' THEN least(date_trunc('milliseconds', now()),
           t.at + (1 + (c.n + k) % 20) * interval '1 day') END,
         t.at
       FROM bench_customers c
       CROSS JOIN generate_series(1, $1 + CASE WHEN c.n <= $2 THEN 1 ELSE 0 END) k
       CROSS JOIN LATERAL (
         SELECT date_trunc('milliseconds', now())
           - ((c.n::bigint * 7 + k * 53) % 365) * interval '1 day'
           - ((c.n + k * 17) % 1440) * interval '1 minute' AS at,
           (c.n * 3 + k) % 20 AS bucket
       ) t
       CROSS JOIN LATERAL (
         SELECT CASE WHEN t.bucket < 5 THEN 'won' WHEN t.bucket < 10 THEN 'lost'
           WHEN t.bucket < 14 THEN 'approved' WHEN t.bucket < 17 THEN 'draft'
           WHEN t.bucket < 19 THEN 'pending_approval' ELSE 'rejected' END AS status
       ) s
       CROSS JOIN LATERAL (SELECT 4200 * (1 + (c.n + k) % 50) AS amount) a`,
      [quotesPerCustomer, extraQuotes],
    );
    // Version 1 of each; one won quote in five needed approval.
    await timedStep(
      times,
      'quoteVersions',
      client,
      `INSERT INTO quote_versions (quote_id, version, lines, totals, approval_required,
         approval_reason, valid_until, created_by, created_at)
       SELECT q.id, 1, $1::jsonb, q.totals, q.status = 'won' AND hashtext(q.number) % 5 = 0,
         CASE WHEN q.status = 'won' AND hashtext(q.number) % 5 = 0
           THEN '{"en": "Margin below the minimum", "zh": "毛利低于下限"}'::jsonb
           ELSE '{"en": "", "zh": ""}'::jsonb END,
         q.valid_until, q.owner_id, q.created_at
       FROM quotes q`,
      [QUOTE_LINE],
    );
    await timedStep(
      times,
      'contracts',
      client,
      `INSERT INTO contracts (contract_no, quote_id, quote_version, customer_id, owner_id, amount,
         amount_with_tax, lines, signed_at, created_by, created_at)
       SELECT 'BHT' || substring(q.number FROM 3), q.id, 1, q.customer_id, q.owner_id,
         (q.totals->>'amount')::numeric, (q.totals->>'amountWithTax')::numeric, v.lines,
         least(date_trunc('milliseconds', now()),
           q.created_at + (1 + abs(hashtext(q.number)) % 15) * interval '1 day'),
         q.owner_id, q.created_at
       FROM quotes q JOIN quote_versions v ON v.quote_id = q.id AND v.version = 1
       WHERE q.status = 'won'`,
    );
    await timedStep(
      times,
      'approvalSteps',
      client,
      `INSERT INTO approval_steps (quote_id, quote_version, round, step_index, role, status,
         decider_id, decided_at, created_at)
       SELECT k.quote_id, 1, 1, 0, 'supervisor', 'approved', u.supervisor_id,
         k.signed_at + CASE WHEN abs(hashtext(k.contract_no)) % 10 = 0
           THEN interval '2 hours' ELSE interval '-3 hours' END,
         k.signed_at - interval '1 day'
       FROM contracts k JOIN quote_versions v
         ON v.quote_id = k.quote_id AND v.version = k.quote_version AND v.approval_required
       JOIN users u ON u.id = k.owner_id`,
    );
    await timedStep(
      times,
      'orders',
      client,
      `INSERT INTO orders (customer_id, store_id, amount, ordered_at, created_at)
       SELECT c.id, c.store_id, 100 + (c.n * 7919 + k * 104729) % 50000, t.at, t.at
       FROM bench_customers c CROSS JOIN generate_series(1, ${ORDERS_PER_CUSTOMER}) k
       CROSS JOIN LATERAL (
         SELECT date_trunc('milliseconds', now())
           - ((c.n::bigint * 31 + k * 67) % 365) * interval '1 day'
           - ((c.n * 11 + k) % 600) * interval '1 minute' AS at
       ) t`,
    );
    await timedStep(
      times,
      'vacuumAnalyze',
      client,
      `VACUUM ANALYZE users, org_units, customers, inquiries, follow_ups, follow_up_obligations,
         quotes, quote_versions, contracts, approval_steps, orders`,
    );
  });
  return times;
}
