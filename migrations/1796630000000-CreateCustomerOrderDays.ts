import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The likely buyers' roll-up `customer_order_days` (docs/insights.md, How it is computed): per
 * customer and day with an order, in the organisation's time zone, the customer's purchase
 * cycle as it stood at the end of that day: its order days so far, and the median and median
 * absolute deviation of its latest 24 intervals (CYCLE_INTERVALS in
 * src/modules/insights/domain/purchase-cycle.ts, whose `summariseOrderDays` is the reference).
 *
 * A statement that inserts, moves or deletes orders rewrites the rows of the customers it
 * touched, in the writing transaction, after locking those customers in id order as the
 * metrics' roll-ups do: a concurrent writer of the same customer waits, and its rewrite then
 * sees this one's orders. A change of the `timezone` setting rebuilds every row.
 */
const TIME_ZONE = `coalesce((SELECT values->>'timezone' FROM organisation_settings WHERE id = 1), 'Asia/Shanghai')`;
const CYCLE_INTERVALS = 24;

/** Inserts the rows of every customer with orders in `orders` (a relation shaped as orders). */
const insertOrderDays = (orders: string) => `
  INSERT INTO customer_order_days
    (customer_id, day, first_ordered_at, last_ordered_at, order_days, median_interval_days, mad_days)
  SELECT r.customer_id, r.day, r.first_at, r.last_at, r.n, s.median, s.mad
  FROM (
    SELECT g.customer_id, g.day, g.first_at, g.last_at, row_number() OVER w AS n,
      array_agg(g.gap) FILTER (WHERE g.gap IS NOT NULL)
        OVER (w ROWS BETWEEN ${CYCLE_INTERVALS - 1} PRECEDING AND CURRENT ROW) AS gaps
    FROM (
      SELECT d.*, d.day - lag(d.day) OVER (PARTITION BY d.customer_id ORDER BY d.day) AS gap
      FROM (
        SELECT o.customer_id, (o.ordered_at AT TIME ZONE ${TIME_ZONE})::date AS day,
          min(o.ordered_at) AS first_at, max(o.ordered_at) AS last_at
        FROM ${orders} o GROUP BY 1, 2
      ) d
    ) g
    WINDOW w AS (PARTITION BY g.customer_id ORDER BY g.day)
  ) r
  LEFT JOIN LATERAL (
    SELECT m.median,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(x - m.median)) FROM unnest(r.gaps) x)
        AS mad
    FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median FROM unnest(r.gaps) x) m
  ) s ON TRUE`;

/** The customers whose orders an UPDATE moved to another customer or time, before and after. */
const MOVED_CUSTOMERS = `ARRAY(
  SELECT unnest(ARRAY[p.customer_id, n.customer_id])
  FROM old_rows p JOIN new_rows n ON n.id = p.id
  WHERE (n.customer_id, n.ordered_at) IS DISTINCT FROM (p.customer_id, p.ordered_at))`;

const FUNCTIONS = [
  `CREATE FUNCTION refresh_customer_order_days(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
     BEGIN
       IF cardinality(ids) = 0 THEN RETURN; END IF;
       PERFORM 1 FROM customers WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
       DELETE FROM customer_order_days WHERE customer_id = ANY (ids);
       ${insertOrderDays('(SELECT customer_id, ordered_at FROM orders WHERE customer_id = ANY (ids))')};
     END $$`,
  `CREATE FUNCTION rebuild_customer_order_days() RETURNS void LANGUAGE plpgsql AS $$
     BEGIN
       -- Writers rewrite in their own transactions: the lock waits for those in flight and
       -- holds new ones back, so no order is missed.
       LOCK TABLE customer_order_days IN EXCLUSIVE MODE;
       DELETE FROM customer_order_days;
       ${insertOrderDays('orders')};
     END $$`,
];

/** Statement-level triggers on orders: [name, event, transition tables, customers touched]. */
const TRIGGERS: [string, string, string, string][] = [
  [
    'inserted',
    'INSERT',
    'NEW TABLE AS new_rows',
    'ARRAY(SELECT DISTINCT customer_id FROM new_rows)',
  ],
  ['updated', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', MOVED_CUSTOMERS],
  [
    'deleted',
    'DELETE',
    'OLD TABLE AS old_rows',
    'ARRAY(SELECT DISTINCT customer_id FROM old_rows)',
  ],
];

export class CreateCustomerOrderDays1796630000000 implements MigrationInterface {
  name = 'CreateCustomerOrderDays1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customer_order_days" ("customer_id" uuid NOT NULL, "day" date NOT NULL, "first_ordered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_ordered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "order_days" integer NOT NULL, "median_interval_days" double precision, "mad_days" double precision, CONSTRAINT "PK_333d9511cb4e35d6c204e953252" PRIMARY KEY ("customer_id", "day"))',
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const [name, event, tables, customers] of TRIGGERS) {
      await queryRunner.query(
        `CREATE FUNCTION orders_order_days_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN PERFORM refresh_customer_order_days(${customers}); RETURN NULL; END $$`,
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
    await queryRunner.query('DROP FUNCTION refresh_customer_order_days(uuid[])');
    await queryRunner.query('DROP TABLE "customer_order_days"');
  }
}
