import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metrics' roll-ups (docs/metrics.md, Roll-ups), each kept exact in the
 * writing transaction by triggers, so no figure is ever stale:
 *
 * - `inquiry_responses` (per inquiry: its customer's owner and first
 *   follow-up at or after it). An inquiry finds its answer when written; new
 *   follow-ups answer the inquiries they come first for; an UPDATE of a
 *   follow-up's customer or time, or a DELETE (the app does neither, an ops
 *   script might), recomputes its customers' inquiries; a customer's change
 *   of owner moves its inquiries.
 * - `owner_day_orders` (orders and revenue per day and customer owner) and
 *   `owner_day_obligations` (obligations due and fulfilled per due day and
 *   obligation owner): logs of signed deltas. A statement appends, per
 *   (day, owner) it changes, its new rows' contribution minus its old rows';
 *   a customer's change of owner moves its orders' contribution. Appending
 *   never waits on another writer (a single counter row per rep and day would
 *   serialise every order of that rep), and the compaction job
 *   (RollupCompactionService) folds each key's rows into one.
 *
 * Days are in the organisation's time zone: a change of the `timezone`
 * setting rebuilds the daily roll-ups (`rebuild_owner_day_rollups()`, which
 * also repairs them after a hard delete of a customer, which the API never
 * does: its orders' deltas cannot find their owner any more).
 */
const TIME_ZONE = `coalesce((SELECT values->>'timezone' FROM organisation_settings WHERE id = 1), 'Asia/Shanghai')`;
const dayOf = (timestamp: string) => `((${timestamp}) AT TIME ZONE ${TIME_ZONE})::date`;

/** A daily roll-up: its table, measures, and each source row's contribution. */
interface DailyRollup {
  table: string;
  measures: [string, string];
  /** `day, owner_id, measure…` of each row of `rows`, which have `owner_id` and the source columns. */
  contribution: (rows: string) => string;
}

const ORDERS: DailyRollup = {
  table: 'owner_day_orders',
  measures: ['orders', 'revenue'],
  contribution: (rows) =>
    `SELECT ${dayOf('r.ordered_at')}, r.owner_id, 1, r.amount FROM ${rows} r WHERE r.owner_id IS NOT NULL`,
};

const OBLIGATIONS: DailyRollup = {
  table: 'owner_day_obligations',
  measures: ['due', 'fulfilled'],
  contribution: (rows) =>
    `SELECT ${dayOf('r.due_at')}, r.owner_id, 1, (r.fulfilled_at IS NOT NULL)::int FROM ${rows} r`,
};

/** Orders (of `rows`, an orders table) with their customer's current owner. */
const ordersWithOwner = (rows: string) =>
  `(SELECT o.ordered_at, o.amount, c.owner_id FROM ${rows} o JOIN customers c ON c.id = o.customer_id)`;

/** The orders of the customers whose owner a customers UPDATE changed, with the owner of `side` (old or new). */
const movedOrders = (side: 'p' | 'n') =>
  `(SELECT o.ordered_at, o.amount, ${side}.owner_id
    FROM old_rows p JOIN new_rows n ON n.id = p.id AND n.owner_id IS DISTINCT FROM p.owner_id
    JOIN orders o ON o.customer_id = n.id)`;

/**
 * Appends, per (day, owner), the contribution of the `plus` rows minus that of
 * the `minus` rows, dropping keys that net to zero (an UPDATE that changed
 * nothing a roll-up counts appends nothing).
 */
function appendDeltas(rollup: DailyRollup, { plus, minus }: { plus?: string; minus?: string }) {
  const [a, b] = rollup.measures;
  const signed = [
    ...(plus ? [rollup.contribution(plus)] : []),
    ...(minus
      ? [
          `SELECT day, owner_id, -${a}, -${b} FROM (${rollup.contribution(minus)}) AS m(day, owner_id, ${a}, ${b})`,
        ]
      : []),
  ].join(' UNION ALL ');
  return `INSERT INTO ${rollup.table} (day, owner_id, ${a}, ${b})
    SELECT day, owner_id, sum(${a}), sum(${b})
    FROM (${signed}) AS d(day, owner_id, ${a}, ${b})
    GROUP BY day, owner_id
    HAVING sum(${a}) <> 0 OR sum(${b}) <> 0`;
}

/** A statement-level trigger and its function. */
function statementTrigger(table: string, name: string, event: string, body: string): string[] {
  const tables = {
    INSERT: 'NEW TABLE AS new_rows',
    UPDATE: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    DELETE: 'OLD TABLE AS old_rows',
  }[event];
  return [
    `CREATE FUNCTION ${table}_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${body}; RETURN NULL; END $$`,
    `CREATE TRIGGER ${table}_${name} AFTER ${event} ON ${table}
       REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_${name}()`,
  ];
}

/**
 * Locks the customers of `ids` (a query of customer ids) in id order. A
 * roll-up row depends on a customer's other rows (its owner, its earlier
 * inquiries or later follow-ups), which a concurrent transaction's snapshot
 * cannot see: holding the customer makes such writers take turns, and each
 * statement after the lock sees what the previous holder committed.
 */
const lockCustomers = (ids: string) =>
  `PERFORM 1 FROM customers WHERE id IN (${ids}) ORDER BY id FOR NO KEY UPDATE`;

/** Milliseconds from the inquiry `r` (received_at) to `at`: exact, as both are stored to the millisecond. */
const msAfterReceipt = (at: string) =>
  `(extract(epoch FROM (${at}) - r.received_at) * 1000)::bigint`;

/** The response time of the inquiry `r`: to its first follow-up, by follow_ups_customer_occurred_idx. */
const FIRST_RESPONSE_MS = msAfterReceipt(`SELECT min(f.occurred_at) FROM follow_ups f
  WHERE f.customer_id = r.customer_id AND f.occurred_at >= r.received_at`);

/** The rows of the inquiries `rows`, with their customer's owner and first answer. */
const respondTo = (
  rows: string,
) => `INSERT INTO inquiry_responses (inquiry_id, customer_id, owner_id, received_at, response_ms)
  SELECT r.inquiry_id, r.customer_id, c.owner_id, r.received_at, ${FIRST_RESPONSE_MS}
  FROM (SELECT id AS inquiry_id, customer_id, received_at FROM ${rows}) r
  JOIN customers c ON c.id = r.customer_id`;

/**
 * New follow-ups can only bring answers earlier: each inquiry they answer
 * takes the earliest of them unless it was answered earlier still.
 */
const ANSWER_INQUIRIES = `UPDATE inquiry_responses t SET response_ms = n.ms
  FROM (SELECT r.inquiry_id, min(${msAfterReceipt('f.occurred_at')}) AS ms FROM new_rows f
        JOIN inquiry_responses r ON r.customer_id = f.customer_id AND r.received_at <= f.occurred_at
        GROUP BY r.inquiry_id) n
  WHERE t.inquiry_id = n.inquiry_id AND (t.response_ms IS NULL OR t.response_ms > n.ms)`;

/** Recomputes the first answer of every inquiry of the customers `ids`. */
const REFRESH_RESPONSES = `CREATE FUNCTION refresh_inquiry_responses(ids uuid[]) RETURNS void
  LANGUAGE sql AS $$
    UPDATE inquiry_responses t SET response_ms = x.ms
    FROM (SELECT r.inquiry_id, ${FIRST_RESPONSE_MS} AS ms FROM inquiry_responses r
          WHERE r.customer_id = ANY (ids)) x
    WHERE t.inquiry_id = x.inquiry_id AND t.response_ms IS DISTINCT FROM x.ms
  $$`;

/** The inquiries of the customers whose owner a customers UPDATE changed follow their new owner. */
const MOVE_RESPONSES = `UPDATE inquiry_responses t SET owner_id = n.owner_id
  FROM old_rows p JOIN new_rows n ON n.id = p.id AND n.owner_id IS DISTINCT FROM p.owner_id
  WHERE t.customer_id = n.id`;

/** An UPDATE of inquiries' customer or time: their rows, recomputed. */
const REDO_UPDATED_INQUIRIES = `UPDATE inquiry_responses t
  SET customer_id = r.customer_id, owner_id = c.owner_id, received_at = r.received_at,
    response_ms = ${FIRST_RESPONSE_MS}
  FROM (SELECT id AS inquiry_id, customer_id, received_at FROM new_rows) r
  JOIN customers c ON c.id = r.customer_id
  WHERE t.inquiry_id = r.inquiry_id
    AND (t.customer_id, t.received_at) IS DISTINCT FROM (r.customer_id, r.received_at)`;

/** The follow-ups whose customer or time an UPDATE changed, before (`p`) or after (`n`). */
const movedFollowUps = (side: 'p' | 'n') =>
  `SELECT ${side}.customer_id FROM old_rows p JOIN new_rows n ON n.id = p.id
   WHERE n.customer_id IS DISTINCT FROM p.customer_id OR n.occurred_at IS DISTINCT FROM p.occurred_at`;

/** Every statement-level trigger: [table, name, event, body]. */
const TRIGGERS: [string, string, 'INSERT' | 'UPDATE' | 'DELETE', string][] = [
  [
    'orders',
    'rollup_inserted',
    'INSERT',
    `${lockCustomers('SELECT customer_id FROM new_rows')};
     ${appendDeltas(ORDERS, { plus: ordersWithOwner('new_rows') })}`,
  ],
  [
    'orders',
    'rollup_updated',
    'UPDATE',
    `${lockCustomers('SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows')};
     ${appendDeltas(ORDERS, { plus: ordersWithOwner('new_rows'), minus: ordersWithOwner('old_rows') })}`,
  ],
  [
    'orders',
    'rollup_deleted',
    'DELETE',
    `${lockCustomers('SELECT customer_id FROM old_rows')};
     ${appendDeltas(ORDERS, { minus: ordersWithOwner('old_rows') })}`,
  ],
  [
    'customers',
    'rollup_owner_changed',
    'UPDATE',
    `${MOVE_RESPONSES}; ${appendDeltas(ORDERS, { plus: movedOrders('n'), minus: movedOrders('p') })}`,
  ],
  [
    'follow_up_obligations',
    'rollup_inserted',
    'INSERT',
    appendDeltas(OBLIGATIONS, { plus: 'new_rows' }),
  ],
  [
    'follow_up_obligations',
    'rollup_updated',
    'UPDATE',
    appendDeltas(OBLIGATIONS, { plus: 'new_rows', minus: 'old_rows' }),
  ],
  [
    'follow_up_obligations',
    'rollup_deleted',
    'DELETE',
    appendDeltas(OBLIGATIONS, { minus: 'old_rows' }),
  ],
  [
    'inquiries',
    'responses_inserted',
    'INSERT',
    `${lockCustomers('SELECT customer_id FROM new_rows')}; ${respondTo('new_rows')}`,
  ],
  [
    'inquiries',
    'responses_updated',
    'UPDATE',
    `${lockCustomers('SELECT customer_id FROM new_rows')}; ${REDO_UPDATED_INQUIRIES}`,
  ],
  [
    'follow_ups',
    'responses_inserted',
    'INSERT',
    `${lockCustomers('SELECT customer_id FROM new_rows')}; ${ANSWER_INQUIRIES}`,
  ],
  [
    'follow_ups',
    'responses_updated',
    'UPDATE',
    `${lockCustomers(`${movedFollowUps('p')} UNION ${movedFollowUps('n')}`)};
     PERFORM refresh_inquiry_responses(ARRAY(${movedFollowUps('p')} UNION ${movedFollowUps('n')}))`,
  ],
  [
    'follow_ups',
    'responses_deleted',
    'DELETE',
    `${lockCustomers('SELECT customer_id FROM old_rows')};
     PERFORM refresh_inquiry_responses(ARRAY(SELECT DISTINCT customer_id FROM old_rows))`,
  ],
];

/** The functions the triggers share, and the settings trigger. */
const FUNCTIONS = [
  REFRESH_RESPONSES,
  `CREATE FUNCTION rebuild_owner_day_rollups() RETURNS void LANGUAGE plpgsql AS $$
     BEGIN
       -- Writers append in their own transactions: the lock waits for those in
       -- flight and holds new ones back, so no delta is lost or counted twice.
       LOCK TABLE owner_day_orders, owner_day_obligations IN EXCLUSIVE MODE;
       DELETE FROM owner_day_orders;
       ${appendDeltas(ORDERS, { plus: ordersWithOwner('orders') })};
       DELETE FROM owner_day_obligations;
       ${appendDeltas(OBLIGATIONS, { plus: 'follow_up_obligations' })};
     END $$`,
  `CREATE FUNCTION organisation_settings_timezone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM rebuild_owner_day_rollups(); RETURN NULL; END $$`,
  `CREATE TRIGGER organisation_settings_timezone_changed AFTER UPDATE ON organisation_settings
     FOR EACH ROW WHEN (OLD.values->>'timezone' IS DISTINCT FROM NEW.values->>'timezone')
     EXECUTE FUNCTION organisation_settings_timezone_changed()`,
];

export class CreateMetricRollups1796602629423 implements MigrationInterface {
  name = 'CreateMetricRollups1796602629423';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inquiry_responses" ("inquiry_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "owner_id" uuid, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "response_ms" bigint, CONSTRAINT "PK_4d6cd35ad1b06a664ce3e10933d" PRIMARY KEY ("inquiry_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "inquiry_responses_customer_received_idx" ON "inquiry_responses"  ("customer_id", "received_at") ',
    );
    // The metric's scan, index-only and in owner order, so grouping by rep
    // needs no sort of the range (TypeORM cannot declare INCLUDE).
    await queryRunner.query(
      'CREATE INDEX "inquiry_responses_owner_received_idx" ON "inquiry_responses" ("owner_id", "received_at") INCLUDE ("response_ms")',
    );
    await queryRunner.query(
      'CREATE TABLE "owner_day_obligations" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "day" date NOT NULL, "owner_id" uuid, "due" integer NOT NULL, "fulfilled" integer NOT NULL, CONSTRAINT "PK_94f2f0c292f25fd4298bb933ff3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "owner_day_obligations_day_idx" ON "owner_day_obligations"  ("day", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "owner_day_orders" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "day" date NOT NULL, "owner_id" uuid NOT NULL, "orders" integer NOT NULL, "revenue" numeric(20,2) NOT NULL, CONSTRAINT "PK_c46b19a7b8516932ab92465108d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "owner_day_orders_day_idx" ON "owner_day_orders"  ("day", "owner_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_up_obligations_open_grace_idx" ON "follow_up_obligations" ("grace_until") INCLUDE ("due_at", "owner_id") WHERE "fulfilled_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "quote_versions_approval_required_idx" ON "quote_versions"  ("quote_id", "version") WHERE "approval_required"',
    );
    await queryRunner.query(
      'ALTER TABLE "inquiry_responses" ADD CONSTRAINT "FK_4d6cd35ad1b06a664ce3e10933d" FOREIGN KEY ("inquiry_id") REFERENCES "inquiries"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const [table, name, event, body] of TRIGGERS) {
      for (const statement of statementTrigger(table, name, event, body)) {
        await queryRunner.query(statement);
      }
    }
    await queryRunner.query(respondTo('inquiries'));
    await queryRunner.query('SELECT rebuild_owner_day_rollups()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of TRIGGERS) {
      await queryRunner.query(`DROP TRIGGER ${table}_${name} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${table}_${name}()`);
    }
    await queryRunner.query(
      'DROP TRIGGER organisation_settings_timezone_changed ON organisation_settings',
    );
    await queryRunner.query('DROP FUNCTION organisation_settings_timezone_changed()');
    await queryRunner.query('DROP FUNCTION rebuild_owner_day_rollups()');
    await queryRunner.query('DROP FUNCTION refresh_inquiry_responses(uuid[])');
    await queryRunner.query(
      'ALTER TABLE "inquiry_responses" DROP CONSTRAINT "FK_4d6cd35ad1b06a664ce3e10933d"',
    );
    await queryRunner.query('DROP INDEX "public"."quote_versions_approval_required_idx"');
    await queryRunner.query('DROP INDEX "public"."follow_up_obligations_open_grace_idx"');
    await queryRunner.query('DROP INDEX "public"."owner_day_orders_day_idx"');
    await queryRunner.query('DROP TABLE "owner_day_orders"');
    await queryRunner.query('DROP INDEX "public"."owner_day_obligations_day_idx"');
    await queryRunner.query('DROP TABLE "owner_day_obligations"');
    await queryRunner.query('DROP INDEX "public"."inquiry_responses_owner_received_idx"');
    await queryRunner.query('DROP INDEX "public"."inquiry_responses_customer_received_idx"');
    await queryRunner.query('DROP TABLE "inquiry_responses"');
  }
}
