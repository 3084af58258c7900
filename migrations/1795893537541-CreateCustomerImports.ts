import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomerImports1795893537541 implements MigrationInterface {
  name = 'CreateCustomerImports1795893537541';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customer_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_by" uuid, "caller_key" text NOT NULL, "idempotency_key" text, "request_fingerprint" character(64) NOT NULL, "file_sha256" character(64) NOT NULL, "file_name" text NOT NULL, "format" text NOT NULL, "headers" jsonb NOT NULL, "status" text NOT NULL DEFAULT \'running\', "total_rows" integer, "processed_rows" integer NOT NULL DEFAULT \'0\', "created" integer NOT NULL DEFAULT \'0\', "merged" integer NOT NULL DEFAULT \'0\', "invalid" integer NOT NULL DEFAULT \'0\', "errors" jsonb NOT NULL DEFAULT \'[]\', "failure_code" text, "failure_reason" text, "heartbeat_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_3302a2b4b36b43604e926ca2a2c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "customer_imports_running_idx" ON "customer_imports"  ("heartbeat_at") WHERE status = \'running\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "customer_imports_caller_key_uq" ON "customer_imports"  ("caller_key", "idempotency_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "customer_import_rejections" ("import_id" uuid NOT NULL, "row_number" integer NOT NULL, "field" text NOT NULL, "reason" text NOT NULL, "raw_values" jsonb NOT NULL, CONSTRAINT "PK_f26722cedb35a01feba75192ec9" PRIMARY KEY ("import_id", "row_number", "field"))',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_imports" ADD CONSTRAINT "FK_1d0922be77ac558ab4dcac10dc4" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_import_rejections" ADD CONSTRAINT "FK_3ad155e9ee71743db01b1aad327" FOREIGN KEY ("import_id") REFERENCES "customer_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "customer_import_rejections" DROP CONSTRAINT "FK_3ad155e9ee71743db01b1aad327"',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_imports" DROP CONSTRAINT "FK_1d0922be77ac558ab4dcac10dc4"',
    );
    await queryRunner.query('DROP TABLE "customer_import_rejections"');
    await queryRunner.query('DROP INDEX "public"."customer_imports_caller_key_uq"');
    await queryRunner.query('DROP INDEX "public"."customer_imports_running_idx"');
    await queryRunner.query('DROP TABLE "customer_imports"');
  }
}
