/**
 * The insights benchmark's history (issue 18), generated set-based in SQL through one
 * connection, every trigger and index in place. Deterministic: each draw is a hash of the
 * customer's number and a salt, so two runs rank the same customers.
 *
 * - REPS reps in one team, managed by the supervisor the bench signs in as.
 * - CUSTOMERS customers spread over the reps, each with ORDERS_PER_CUSTOMER orders ending
 *   within its last cycle before now, in one of three habits:
 *   - regular (7 in 10): a cycle of 7, 10, 14, 21, 30, 45 or 60 days, each gap within ±15 % of it;
 *   - irregular (2 in 10): gaps drawn anywhere from 3 to 90 days;
 *   - lapsed (1 in 10): a regular buyer whose last order is 90 to 200 days old.
 * - Signals: one customer in three has web visits over the last 28 days.
 * - Follow-ups: one per customer in the last 60 days; one in five raises a price objection.
 * - Quotes: one customer in four has an approved quote, valid for 30 days, with its audited
 *   `created`, `submitted` and `approved` events (what the ranking reads a quote's status from).
 */
import { Client } from 'pg';
import { withClient } from './bench-support';
import { GenerationTimes, timedStep } from './metrics-data';

export const CUSTOMERS = Number(process.env.BENCH_INSIGHTS_CUSTOMERS ?? 100_000);
export const ORDERS_PER_CUSTOMER = Number(process.env.BENCH_INSIGHTS_ORDERS_PER_CUSTOMER ?? 20);
const REPS = 100;

/** A uniform draw in [0, 1) for customer `n` and salt `salt` (both SQL expressions). */
const draw = (n: string, salt: string) =>
  `((hashint8((${n})::bigint * 7919 + (${salt})) & 2147483647) / 2147483648.0)`;

/** The generated customers, by number, with their habit and cycle. */
const HABITS = `CREATE TEMP TABLE bench_habits AS
  SELECT n, id,
    CASE WHEN n % 10 < 7 THEN 'regular' WHEN n % 10 < 9 THEN 'irregular' ELSE 'lapsed' END AS habit,
    (ARRAY[7, 10, 14, 21, 30, 45, 60])[n % 7 + 1] AS cycle
  FROM (SELECT substring(erp_code FROM 6)::int AS n, id FROM customers
        WHERE erp_code LIKE 'BENCH%') c`;

/**
 * Each order's gap to the one after it (the newest's to now's next order), newest first: the
 * order's time is now plus the newest gap's unspent part, minus the gaps up to it.
 */
const ORDERS = `INSERT INTO orders (customer_id, amount, ordered_at, created_at)
  SELECT id, 500 + (n * 31 + k * 97) % 20000, at, at FROM (
    SELECT h.id, h.n, g.k,
      date_trunc('milliseconds', now())
        + ${draw('h.n', '1')} * first_value(g.gap) OVER w * interval '1 day'
        - sum(g.gap) OVER w * interval '1 day'
        - CASE WHEN h.habit = 'lapsed' THEN (90 + 110 * ${draw('h.n', '2')}) * interval '1 day'
          ELSE interval '0' END AS at
    FROM bench_habits h
    CROSS JOIN LATERAL (
      SELECT k, CASE WHEN h.habit = 'irregular' THEN 3 + 87 * ${draw('h.n', 'k * 10 + 3')}
        ELSE h.cycle * (0.85 + 0.3 * ${draw('h.n', 'k * 10 + 4')}) END AS gap
      FROM generate_series(1, $1::int) k
    ) g
    WINDOW w AS (PARTITION BY h.id ORDER BY g.k)
  ) o`;

const SIGNALS = `INSERT INTO signals (customer_id, type, count, at)
  SELECT h.id, 'web_visit', 1 + (h.n + k) % 4,
    now() - 28 * ${draw('h.n', 'k * 10 + 5')} * interval '1 day'
  FROM bench_habits h CROSS JOIN generate_series(1, 1 + h.n % 6) k WHERE h.n % 3 = 0`;

const FOLLOW_UPS = `INSERT INTO follow_ups (customer_id, author_id, channel, occurred_at, summary, objections)
  SELECT h.id, c.owner_id, 'call', t.at,
    CASE WHEN h.n % 5 = 0 THEN '客户觉得价格偏高，要求再降 3%' ELSE '电话回访，确认下批次需求' END,
    CASE WHEN h.n % 5 = 0
      THEN '[{"category": "price", "quote": "客户觉得价格偏高"}]'::jsonb ELSE '[]'::jsonb END
  FROM bench_habits h JOIN customers c ON c.id = h.id
  CROSS JOIN LATERAL (SELECT now() - 60 * ${draw('h.n', '6')} * interval '1 day' AS at) t`;

const QUOTES = `INSERT INTO quotes (number, customer_id, owner_id, status, totals, valid_until, created_at)
  SELECT 'BQ' || h.n, h.id, c.owner_id, 'approved',
    jsonb_build_object('amount', (5000 + h.n % 40000)::text), t.created::date + 30, t.created
  FROM bench_habits h JOIN customers c ON c.id = h.id
  CROSS JOIN LATERAL (SELECT now() - 40 * ${draw('h.n', '7')} * interval '1 day' AS created) t
  WHERE h.n % 4 = 1`;

/**
 * The quotes' status events, one hour apart, after whatever the audit trail holds. The hashes
 * are placeholders: the chain is not verified here, only read.
 */
const QUOTE_EVENTS = `INSERT INTO audit_events (seq, at, actor_id, entity, entity_id, action, data, prev_hash, hash)
  SELECT (SELECT coalesce(max(seq), 0) FROM audit_events)
      + row_number() OVER (ORDER BY q.created_at, q.id, e.n),
    q.created_at + (e.n - 1) * interval '1 hour', q.owner_id::text, 'quote', q.id::text,
    e.action, jsonb_build_object('status', e.status), repeat('0', 64), repeat('0', 64)
  FROM quotes q
  CROSS JOIN (VALUES (1, 'created', 'draft'), (2, 'submitted', 'pending_approval'),
    (3, 'approved', 'approved')) AS e(n, action, status)
  WHERE q.number LIKE 'BQ%'`;

/**
 * The reps (in `teamId`, supervised by `supervisorId`), their customers and the history.
 * `passwordHash` is the supervisor's, copied to the reps (nobody signs in as them).
 */
export async function seedHistory(
  url: string,
  teamId: string,
  supervisorId: string,
): Promise<GenerationTimes> {
  const times: GenerationTimes = {};
  await withClient(url, async (client: Client) => {
    const step = (name: string, sql: string, params: unknown[] = []) =>
      timedStep(times, name, client, sql, params);
    await step(
      'reps',
      `INSERT INTO users (username, password_hash, display_name, roles, org_unit_id, supervisor_id)
       SELECT 'bench.rep' || n, (SELECT password_hash FROM users WHERE id = $2),
         '销售' || n || '号', ARRAY['rep'], $1, $2
       FROM generate_series(1, ${REPS}) n`,
      [teamId, supervisorId],
    );
    await step(
      'customers',
      `WITH reps AS (
         SELECT row_number() OVER (ORDER BY id)::int - 1 AS k, id FROM users
         WHERE username LIKE 'bench.rep%'
       )
       INSERT INTO customers (name, phone, segment, city, owner_id, erp_code, stage)
       SELECT (ARRAY['杭州', '宁波', '苏州', '无锡'])[n % 4 + 1]
           || (ARRAY['轴承', '液压', '五金', '机电'])[n % 4 + 1] || '客户' || n,
         '+86139' || lpad(n::text, 8, '0'), 'b2b',
         (ARRAY['杭州', '宁波', '苏州', '无锡'])[n % 4 + 1], r.id, 'BENCH' || n, 'won'
       FROM generate_series(1, $1::int) n JOIN reps r ON r.k = n % ${REPS}`,
      [CUSTOMERS],
    );
    await client.query(HABITS);
    await step('orders', ORDERS, [ORDERS_PER_CUSTOMER]);
    await step('signals', SIGNALS);
    await step('followUps', FOLLOW_UPS);
    await step('quotes', QUOTES);
    await step('quoteAuditEvents', QUOTE_EVENTS);
    await step(
      'vacuumAnalyze',
      'VACUUM ANALYZE users, customers, orders, signals, follow_ups, quotes, audit_events',
    );
  });
  return times;
}
