import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel's roll-up (docs/metrics.md, Funnel): when each customer first
 * reached each stage. An event of rank k at time t means the customer reached
 * every rank up to k by t; a row keeps the earliest time (a back-dated
 * follow-up moves it back).
 *
 * Sources (as FunnelRepository read them before): customers.created_at
 * (lead), follow_ups.occurred_at with the stage they set (contacted, quoted,
 * won), quotes.created_at (quoted), contracts.signed_at (won).
 *
 * Kept exact in the writing transaction by statement-level triggers, so that
 * a 1,000,000-row import upserts once, not once per row: an INSERT rolls its
 * new rows up; an UPDATE that changes a source column, or a DELETE (the app
 * does neither, an ops script might), recomputes its customers from every
 * source. Then the history written so far is rolled up.
 */
const SOURCES = [
  {
    table: 'customers',
    customer: 'id',
    rank: '0',
    at: 'created_at',
    where: 'TRUE',
    columns: ['created_at'],
  },
  {
    table: 'follow_ups',
    customer: 'customer_id',
    rank: "array_position(ARRAY['contacted', 'quoted', 'won'], stage)",
    at: 'occurred_at',
    where: "stage IN ('contacted', 'quoted', 'won')",
    columns: ['customer_id', 'stage', 'occurred_at'],
  },
  {
    table: 'quotes',
    customer: 'customer_id',
    rank: '2',
    at: 'created_at',
    where: 'TRUE',
    columns: ['customer_id', 'created_at'],
  },
  {
    table: 'contracts',
    customer: 'customer_id',
    rank: '3',
    at: 'signed_at',
    where: 'TRUE',
    columns: ['customer_id', 'signed_at'],
  },
];
type Source = (typeof SOURCES)[number];

/** A source's events (customer_id, rank, at) from `rows`, filtered by `filter` over its customer column. */
const eventsOf = (s: Source, rows: string, filter = 'TRUE') =>
  `SELECT ${s.customer}, ${s.rank}, ${s.at} FROM ${rows} WHERE ${s.where} AND ${filter.replace('{customer}', s.customer)}`;

/**
 * Upserts the stages that `events` (customer_id, rank, at) reach, keeping the
 * earliest time. A stage already reached as early is skipped before the
 * upsert, so the usual write (a customer's tenth quote) locks no row; the
 * rest are upserted in key order, so that concurrent writers for one
 * customer lock its rows in the same order and never deadlock.
 */
const rollUp = (events: string) => `
  INSERT INTO customer_funnel_stages (customer_id, rank, reached_at)
  SELECT n.customer_id, n.rank, n.at
  FROM (
    SELECT e.customer_id, r.rank, min(e.at) AS at
    FROM (${events}) AS e(customer_id, rank, at)
    JOIN generate_series(0, 3) AS r(rank) ON r.rank <= e.rank
    GROUP BY e.customer_id, r.rank
  ) n
  WHERE NOT EXISTS (
    SELECT 1 FROM customer_funnel_stages s
    WHERE s.customer_id = n.customer_id AND s.rank = n.rank AND s.reached_at <= n.at
  )
  ORDER BY n.customer_id, n.rank
  ON CONFLICT (customer_id, rank) DO UPDATE SET reached_at = EXCLUDED.reached_at
  WHERE customer_funnel_stages.reached_at > EXCLUDED.reached_at`;

/** Recomputes the given customers' stages from every source. */
const REFRESH = `CREATE FUNCTION refresh_customer_funnel_stages(ids uuid[]) RETURNS void
  LANGUAGE sql AS $$
    DELETE FROM customer_funnel_stages WHERE customer_id = ANY (ids);
    ${rollUp(SOURCES.map((s) => eventsOf(s, s.table, '{customer} = ANY (ids)')).join(' UNION ALL '))};
  $$`;

/** The customers of the rows an UPDATE changed in a source column, before and after. */
const changedCustomers = (s: Source) => {
  const changed = s.columns.map((c) => `n.${c} IS DISTINCT FROM o.${c}`).join(' OR ');
  return `SELECT o.${s.customer} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}
    UNION SELECT n.${s.customer} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}`;
};

/** The three triggers of one source: its inserts, updates and deletes. */
function triggers(s: Source): string[] {
  const fn = (name: string, body: string) =>
    `CREATE FUNCTION ${s.table}_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE ids uuid[];
       BEGIN ${body}; RETURN NULL; END $$`;
  const refresh = (select: string) =>
    `ids := ARRAY(${select});
     IF cardinality(ids) > 0 THEN PERFORM refresh_customer_funnel_stages(ids); END IF`;
  const on = (name: string, event: string, tables: string) =>
    `CREATE TRIGGER ${s.table}_${name} AFTER ${event} ON ${s.table}
     REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${s.table}_${name}()`;
  return [
    fn('funnel_inserted', rollUp(eventsOf(s, 'new_rows'))),
    on('funnel_inserted', 'INSERT', 'NEW TABLE AS new_rows'),
    fn('funnel_updated', refresh(changedCustomers(s))),
    on('funnel_updated', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
    fn('funnel_deleted', refresh(`SELECT DISTINCT ${s.customer} FROM old_rows`)),
    on('funnel_deleted', 'DELETE', 'OLD TABLE AS old_rows'),
  ];
}

export class CreateCustomerFunnelStages1796594539917 implements MigrationInterface {
  name = 'CreateCustomerFunnelStages1796594539917';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customer_funnel_stages" ("customer_id" uuid NOT NULL, "rank" smallint NOT NULL, "reached_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bc3285626736d3b6a02afa32526" PRIMARY KEY ("customer_id", "rank"))',
    );
    await queryRunner.query(
      'CREATE INDEX "customer_funnel_stages_reached_idx" ON "customer_funnel_stages"  ("reached_at", "rank") ',
    );
    await queryRunner.query(REFRESH);
    for (const source of SOURCES) {
      for (const statement of triggers(source)) await queryRunner.query(statement);
      await queryRunner.query(rollUp(eventsOf(source, source.table)));
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of SOURCES) {
      for (const name of ['funnel_inserted', 'funnel_updated', 'funnel_deleted']) {
        await queryRunner.query(`DROP TRIGGER ${table}_${name} ON ${table}`);
        await queryRunner.query(`DROP FUNCTION ${table}_${name}()`);
      }
    }
    await queryRunner.query('DROP FUNCTION refresh_customer_funnel_stages(uuid[])');
    await queryRunner.query('DROP INDEX "public"."customer_funnel_stages_reached_idx"');
    await queryRunner.query('DROP TABLE "customer_funnel_stages"');
  }
}
