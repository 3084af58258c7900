import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rebate calculator (API.md §7): policies, a snapshot of each policy
 * version, and every calculation with the version it used. The policy list
 * takes `?updatedSince=`, so `updated_at` is stamped by the trigger
 * stamp_updated_at (AddSyncColumns).
 */
export class CreateRebates1796581554937 implements MigrationInterface {
  name = 'CreateRebates1796581554937';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "rebate_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "basis" text NOT NULL, "method" text NOT NULL, "tiers" jsonb NOT NULL, "cap_amount" numeric(18,2), "segments" text array NOT NULL, "valid_from" date, "valid_to" date, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "rebate_policies_validity_ck" CHECK ("valid_from" <= "valid_to"), CONSTRAINT "rebate_policies_segments_ck" CHECK ("segments" <@ ARRAY[\'b2b\', \'b2c\']::text[] AND cardinality("segments") > 0), CONSTRAINT "rebate_policies_method_ck" CHECK ("method" IN (\'progressive\', \'flat_tier\')), CONSTRAINT "rebate_policies_basis_ck" CHECK ("basis" IN (\'annual_purchase\')), CONSTRAINT "PK_7ea839c2c263d0709104c29fddd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "rebate_policies_updated_idx" ON "rebate_policies"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "rebate_policies_name_idx" ON "rebate_policies"  ("name", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "rebate_policies_created_idx" ON "rebate_policies"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rebate_policy_versions" ("policy_id" uuid NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_972c32f74c99efd5a1a4db06346" PRIMARY KEY ("policy_id", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "rebate_calculations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "policy_id" uuid NOT NULL, "policy_version" integer NOT NULL, "customer_id" uuid NOT NULL, "quote_id" uuid, "estimated_amount" numeric(18,2) NOT NULL, "ytd_purchases" numeric(18,2) NOT NULL, "result" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_098a360026d1a6ab93c02d3d2b0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "rebate_calculations_policy_idx" ON "rebate_calculations"  ("policy_id", "policy_version") ',
    );
    await queryRunner.query(
      'CREATE INDEX "rebate_calculations_customer_idx" ON "rebate_calculations"  ("customer_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policies" ADD CONSTRAINT "FK_90bca8797f19b41c6fa04ce27d6" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policy_versions" ADD CONSTRAINT "FK_59c2e1e3be4721900db09af1ea1" FOREIGN KEY ("policy_id") REFERENCES "rebate_policies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policy_versions" ADD CONSTRAINT "FK_74a8137ac14fc5b7f16a81b7016" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" ADD CONSTRAINT "FK_e1ef0024917d41d37aef57ed61e" FOREIGN KEY ("policy_id") REFERENCES "rebate_policies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" ADD CONSTRAINT "FK_2d4c8ca3764d4a9c2f28090175b" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" ADD CONSTRAINT "FK_21e98a9f75cc2a836853602e929" FOREIGN KEY ("quote_id") REFERENCES "quotes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" ADD CONSTRAINT "FK_47c6a187ece1a2273c5005baeaa" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE TRIGGER rebate_policies_stamp_updated_at BEFORE INSERT OR UPDATE ON rebate_policies
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER rebate_policies_stamp_updated_at ON rebate_policies');
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" DROP CONSTRAINT "FK_47c6a187ece1a2273c5005baeaa"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" DROP CONSTRAINT "FK_21e98a9f75cc2a836853602e929"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" DROP CONSTRAINT "FK_2d4c8ca3764d4a9c2f28090175b"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_calculations" DROP CONSTRAINT "FK_e1ef0024917d41d37aef57ed61e"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policy_versions" DROP CONSTRAINT "FK_74a8137ac14fc5b7f16a81b7016"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policy_versions" DROP CONSTRAINT "FK_59c2e1e3be4721900db09af1ea1"',
    );
    await queryRunner.query(
      'ALTER TABLE "rebate_policies" DROP CONSTRAINT "FK_90bca8797f19b41c6fa04ce27d6"',
    );
    await queryRunner.query('DROP INDEX "public"."rebate_calculations_customer_idx"');
    await queryRunner.query('DROP INDEX "public"."rebate_calculations_policy_idx"');
    await queryRunner.query('DROP TABLE "rebate_calculations"');
    await queryRunner.query('DROP TABLE "rebate_policy_versions"');
    await queryRunner.query('DROP INDEX "public"."rebate_policies_created_idx"');
    await queryRunner.query('DROP INDEX "public"."rebate_policies_name_idx"');
    await queryRunner.query('DROP INDEX "public"."rebate_policies_updated_idx"');
    await queryRunner.query('DROP TABLE "rebate_policies"');
  }
}
