import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ERP connections (API.md §6): sealed credentials, and a partial unique
 * index that lets at most one connection be active. `updated_at` is stamped by
 * the trigger stamp_updated_at (AddSyncColumns).
 */
export class CreateErpConnections1796567454078 implements MigrationInterface {
  name = 'CreateErpConnections1796567454078';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "erp_connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "base_url" text NOT NULL, "credentials" text NOT NULL, "credentials_set_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "defaults" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT false, "timeout_ms" integer NOT NULL DEFAULT \'15000\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "erp_connections_timeout_ck" CHECK ("timeout_ms" BETWEEN 1000 AND 120000), CONSTRAINT "erp_connections_kind_ck" CHECK ("kind" IN (\'k3cloud\', \'u8\')), CONSTRAINT "PK_74ab166a81f747c9bb4b6c2c0a4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "erp_connections_one_active_uq" ON "erp_connections"  ("active") WHERE "active"',
    );
    await queryRunner.query(
      'CREATE INDEX "erp_connections_created_idx" ON "erp_connections"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "erp_connections_updated_idx" ON "erp_connections"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      `CREATE TRIGGER erp_connections_stamp_updated_at BEFORE INSERT OR UPDATE ON erp_connections
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER erp_connections_stamp_updated_at ON erp_connections');
    await queryRunner.query('DROP INDEX "public"."erp_connections_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."erp_connections_created_idx"');
    await queryRunner.query('DROP INDEX "public"."erp_connections_one_active_uq"');
    await queryRunner.query('DROP TABLE "erp_connections"');
  }
}
