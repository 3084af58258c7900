import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose lists take `?updatedSince=` (API.md §0). */
const SYNCED_TABLES = ['customers', 'todos', 'follow_ups', 'users'];

/**
 * `updated_at` on every synced table, its indexes, and the trigger that
 * stamps it on every write, whatever the statement (a PATCH, a claim, a bulk
 * transfer, an import's merge, a handover, a todo's completion, an operator's
 * psql). It takes a transaction id before it reads the clock: the sync
 * horizon (src/core/http/sync-horizon.ts) relies on that order.
 */
export class AddSyncColumns1796546523829 implements MigrationInterface {
  name = 'AddSyncColumns1796546523829';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "users" ADD "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_ups" ADD "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    await queryRunner.query(
      'ALTER TABLE "todos" ADD "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    // The last change each existing row can show, before the trigger exists.
    await queryRunner.query('UPDATE users SET updated_at = created_at');
    await queryRunner.query(
      'UPDATE follow_ups SET updated_at = greatest(created_at, confirmed_at)',
    );
    await queryRunner.query('UPDATE todos SET updated_at = greatest(created_at, completed_at)');
    await queryRunner.query('CREATE INDEX "users_updated_idx" ON "users"  ("updated_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "customers_updated_idx" ON "customers"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_ups_customer_updated_idx" ON "follow_ups"  ("customer_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "todos_assignee_updated_idx" ON "todos"  ("assignee_id", "updated_at", "id") ',
    );
    await queryRunner.query(`
      CREATE FUNCTION stamp_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_current_xact_id();
        NEW.updated_at := clock_timestamp();
        RETURN NEW;
      END
      $$`);
    for (const table of SYNCED_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_stamp_updated_at BEFORE INSERT OR UPDATE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SYNCED_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_stamp_updated_at ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION stamp_updated_at()');
    await queryRunner.query('DROP INDEX "public"."todos_assignee_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."follow_ups_customer_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."customers_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."users_updated_idx"');
    await queryRunner.query('ALTER TABLE "todos" DROP COLUMN "updated_at"');
    await queryRunner.query('ALTER TABLE "follow_ups" DROP COLUMN "updated_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "updated_at"');
  }
}
