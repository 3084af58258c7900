import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The likely buyers' roll-up `customer_order_days` (docs/insights.md, How it is computed): per
 * customer and day with an order, in the organisation's time zone, the customer's purchase
 * cycle as it stood at the end of that day: its order days so far, and the median and median
 * absolute deviation of its latest 24 intervals (CYCLE_INTERVALS in
 * src/modules/insights/domain/purchase-cycle.ts, whose `summariseOrderDays` is the reference).
 *
 * Each row also says until when it holds: `superseded_at`, the first order of the customer's
 * next order day (null on its latest row). So the rows in force at any instant are one range
 * of the index `customer_order_days_in_force_idx`, which covers what the ranking reads: as of
 * now, the null ones; as of a replayed week, those and the ones superseded since.
 *
 * A statement that inserts, moves or deletes orders rewrites the rows of each customer it
 * touched from the earliest day it changed, in the writing transaction, after locking those
 * customers in id order as the metrics' roll-ups do: a concurrent writer of the same customer
 * waits, and its rewrite then sees this one's orders. A change of the `timezone` setting
 * rebuilds every row.
 */
const TIME_ZONE = `coalesce((SELECT values->>'timezone' FROM organisation_settings WHERE id = 1), 'Asia/Shanghai')`;
const CYCLE_INTERVALS = 24;

/** The start of the day `day` (an SQL date) in the organisation's time zone. */
const dayStart = (day: string) => `((${day})::timestamp AT TIME ZONE ${TIME_ZONE})`;
const dayOf = (timestamp: string) => `((${timestamp}) AT TIME ZONE ${TIME_ZONE})::date`;

/**
 * Inserts, for each `(customer_id, from_day)` of `changed`, the customer's rows from that day
 * on: its orders from that day on, grouped into days, with the CYCLE_INTERVALS kept days
 * before it as context, which give the intervals of the first rewritten days and the count
 * of order days before them. So a rewrite costs what the days from `from_day` on cost,
 * however long the history before it.
 */
const insertOrderDays = (changed: string) => `
  WITH changed AS (${changed}),
  days AS (
    SELECT c.customer_id, c.from_day, k.day, k.first_ordered_at AS first_at,
      k.last_ordered_at AS last_at, k.order_days AS kept_order_days
    FROM changed c CROSS JOIN LATERAL (
      SELECT * FROM customer_order_days d
      WHERE d.customer_id = c.customer_id AND d.day < c.from_day
      ORDER BY d.day DESC LIMIT ${CYCLE_INTERVALS}
    ) k
    UNION ALL
    SELECT c.customer_id, c.from_day, ${dayOf('o.ordered_at')}, min(o.ordered_at),
      max(o.ordered_at), NULL
    FROM changed c
    JOIN orders o ON o.customer_id = c.customer_id AND o.ordered_at >= ${dayStart('c.from_day')}
    GROUP BY 1, 2, 3
  ),
  gaps AS (
    SELECT d.*, d.day - lag(d.day) OVER w AS gap,
      coalesce(first_value(d.kept_order_days) OVER w, 1) - 1 + row_number() OVER w AS n
    FROM days d
    WINDOW w AS (PARTITION BY d.customer_id ORDER BY d.day)
  ),
  windows AS (
    SELECT g.*, array_agg(g.gap) FILTER (WHERE g.gap IS NOT NULL) OVER (
        PARTITION BY g.customer_id ORDER BY g.day
        ROWS BETWEEN ${CYCLE_INTERVALS - 1} PRECEDING AND CURRENT ROW) AS gaps,
      lead(g.first_at) OVER (PARTITION BY g.customer_id ORDER BY g.day) AS superseded_at
    FROM gaps g
  )
  INSERT INTO customer_order_days (customer_id, day, first_ordered_at, last_ordered_at,
    order_days, median_interval_days, mad_days, superseded_at)
  SELECT r.customer_id, r.day, r.first_at, r.last_at, r.n, s.median, s.mad, r.superseded_at
  FROM windows r
  LEFT JOIN LATERAL (
    SELECT m.median,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(x - m.median)) FROM unnest(r.gaps) x)
        AS mad
    FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median FROM unnest(r.gaps) x) m
  ) s ON TRUE
  WHERE r.day >= r.from_day`;

/**
 * Points the row before each `(customer_id, day)` of `changed` (the customer's latest order
 * day before `day`) at the first order of the customer's next order day after it: the rows
 * from `day` on were rewritten, or `day`'s first order moved.
 */
const resupersedePrevious = (changed: string) => `
  UPDATE customer_order_days p SET superseded_at = next.first_ordered_at
  FROM (${changed}) c
  CROSS JOIN LATERAL (
    SELECT max(x.day) AS day FROM customer_order_days x
    WHERE x.customer_id = c.customer_id AND x.day < c.day
  ) prev
  LEFT JOIN LATERAL (
    SELECT x.first_ordered_at FROM customer_order_days x
    WHERE x.customer_id = c.customer_id AND x.day > prev.day ORDER BY x.day LIMIT 1
  ) next ON TRUE
  WHERE p.customer_id = c.customer_id AND p.day = prev.day
    AND p.superseded_at IS DISTINCT FROM next.first_ordered_at`;

/** Rewrites, per customer, from the earliest day of `changed` (customer_id, day) on. */
const refreshFromEarliest = (changed: string) =>
  `PERFORM refresh_customer_order_days(array_agg(customer_id), array_agg(from_day))
   FROM (SELECT customer_id, min(day) AS from_day FROM (${changed}) x GROUP BY customer_id) c`;

/** The days of the orders `rows`, with their first and last order. */
const ordersByDay = (rows: string) =>
  `SELECT customer_id, ${dayOf('ordered_at')} AS day, min(ordered_at) AS first_at,
     max(ordered_at) AS last_at
   FROM ${rows} GROUP BY 1, 2`;

/**
 * New orders on a day the customer already has only move that day's first or last order: its
 * cycle is the same. So a busy customer's hundredth order of the day costs an update of one
 * row, not a rewrite of its day. Only new days rewrite, from the earliest of them on.
 */
const INSERTED = `
  PERFORM 1 FROM customers WHERE id IN (SELECT customer_id FROM new_rows) ORDER BY id
    FOR NO KEY UPDATE;
  UPDATE customer_order_days d
  SET first_ordered_at = least(d.first_ordered_at, n.first_at),
    last_ordered_at = greatest(d.last_ordered_at, n.last_at)
  FROM (${ordersByDay('new_rows')}) n
  WHERE d.customer_id = n.customer_id AND d.day = n.day
    AND (n.first_at < d.first_ordered_at OR n.last_at > d.last_ordered_at);
  ${resupersedePrevious(`SELECT n.customer_id, n.day FROM (${ordersByDay('new_rows')}) n
    JOIN customer_order_days d ON d.customer_id = n.customer_id AND d.day = n.day
    WHERE d.first_ordered_at = n.first_at`)};
  ${refreshFromEarliest(`SELECT n.customer_id, n.day FROM (${ordersByDay('new_rows')}) n
    WHERE NOT EXISTS (SELECT 1 FROM customer_order_days d
      WHERE d.customer_id = n.customer_id AND d.day = n.day)`)}`;

/** The orders an UPDATE moved to another customer or time, as they were (`p`) and are (`n`). */
const movedOrders = (side: 'p' | 'n') =>
  `SELECT ${side}.customer_id, ${dayOf(`${side}.ordered_at`)} AS day
   FROM old_rows p JOIN new_rows n ON n.id = p.id
   WHERE (n.customer_id, n.ordered_at) IS DISTINCT FROM (p.customer_id, p.ordered_at)`;

const FUNCTIONS = [
  `CREATE FUNCTION refresh_customer_order_days(ids uuid[], from_days date[]) RETURNS void
     LANGUAGE plpgsql AS $$
     BEGIN
       IF coalesce(cardinality(ids), 0) = 0 THEN RETURN; END IF;
       PERFORM 1 FROM customers WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
       DELETE FROM customer_order_days d
       USING unnest(ids, from_days) AS c(id, from_day)
       WHERE d.customer_id = c.id AND d.day >= c.from_day;
       ${insertOrderDays(
         'SELECT id AS customer_id, min(from_day) AS from_day FROM unnest(ids, from_days) AS c(id, from_day) GROUP BY id',
       )};
       ${resupersedePrevious(
         'SELECT id AS customer_id, min(from_day) AS day FROM unnest(ids, from_days) AS c(id, from_day) GROUP BY id',
       )};
     END $$`,
  `CREATE FUNCTION rebuild_customer_order_days() RETURNS void LANGUAGE plpgsql AS $$
     BEGIN
       -- Writers rewrite in their own transactions: the lock waits for those in flight and
       -- holds new ones back, so no order is missed.
       LOCK TABLE customer_order_days IN EXCLUSIVE MODE;
       DELETE FROM customer_order_days;
       ${insertOrderDays("SELECT DISTINCT customer_id, '-infinity'::date AS from_day FROM orders")};
     END $$`,
];

/** Statement-level triggers on orders: [name, event, transition tables, body]. */
const TRIGGERS: [string, string, string, string][] = [
  ['inserted', 'INSERT', 'NEW TABLE AS new_rows', INSERTED],
  [
    'updated',
    'UPDATE',
    'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    refreshFromEarliest(`${movedOrders('p')} UNION ALL ${movedOrders('n')}`),
  ],
  [
    'deleted',
    'DELETE',
    'OLD TABLE AS old_rows',
    refreshFromEarliest(`SELECT customer_id, ${dayOf('ordered_at')} AS day FROM old_rows`),
  ],
];

export class CreateCustomerOrderDays1796630000000 implements MigrationInterface {
  name = 'CreateCustomerOrderDays1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customer_order_days" ("customer_id" uuid NOT NULL, "day" date NOT NULL, "first_ordered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_ordered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "order_days" integer NOT NULL, "median_interval_days" double precision, "mad_days" double precision, "superseded_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_333d9511cb4e35d6c204e953252" PRIMARY KEY ("customer_id", "day"))',
    );
    // TypeORM cannot declare INCLUDE: the rows in force at an instant, read without the table.
    await queryRunner.query(
      'CREATE INDEX "customer_order_days_in_force_idx" ON "customer_order_days" ("superseded_at") INCLUDE ("customer_id", "first_ordered_at", "last_ordered_at", "order_days", "median_interval_days", "mad_days")',
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const [name, event, tables, body] of TRIGGERS) {
      await queryRunner.query(
        `CREATE FUNCTION orders_order_days_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN ${body}; RETURN NULL; END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER orders_order_days_${name} AFTER ${event} ON orders
           REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION orders_order_days_${name}()`,
      );
    }
    await queryRunner.query(
      `CREATE FUNCTION organisation_settings_order_days_timezone() RETURNS trigger
         LANGUAGE plpgsql AS $$ BEGIN PERFORM rebuild_customer_order_days(); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER organisation_settings_order_days_timezone AFTER UPDATE ON organisation_settings
         FOR EACH ROW WHEN (OLD.values->>'timezone' IS DISTINCT FROM NEW.values->>'timezone')
         EXECUTE FUNCTION organisation_settings_order_days_timezone()`,
    );
    await queryRunner.query('SELECT rebuild_customer_order_days()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER organisation_settings_order_days_timezone ON organisation_settings',
    );
    await queryRunner.query('DROP FUNCTION organisation_settings_order_days_timezone()');
    for (const [name] of TRIGGERS) {
      await queryRunner.query(`DROP TRIGGER orders_order_days_${name} ON orders`);
      await queryRunner.query(`DROP FUNCTION orders_order_days_${name}()`);
    }
    await queryRunner.query('DROP FUNCTION rebuild_customer_order_days()');
    await queryRunner.query('DROP FUNCTION refresh_customer_order_days(uuid[], date[])');
    await queryRunner.query('DROP TABLE "customer_order_days"');
  }
}
