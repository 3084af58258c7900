import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProductImports1796557341292 implements MigrationInterface {
  name = 'CreateProductImports1796557341292';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "product_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_by" uuid, "caller_key" text NOT NULL, "idempotency_key" text, "request_fingerprint" character(64) NOT NULL, "file_sha256" character(64) NOT NULL, "file_name" text NOT NULL, "format" text NOT NULL, "headers" jsonb NOT NULL, "status" text NOT NULL DEFAULT \'running\', "total_rows" integer, "processed_rows" integer NOT NULL DEFAULT \'0\', "created" integer NOT NULL DEFAULT \'0\', "updated" integer NOT NULL DEFAULT \'0\', "invalid" integer NOT NULL DEFAULT \'0\', "errors" jsonb NOT NULL DEFAULT \'[]\', "failure_code" text, "failure_reason" text, "language" text NOT NULL DEFAULT \'en\', "heartbeat_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_a02a4bd96cc40b9480f4ae9c4a0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "product_imports_running_idx" ON "product_imports"  ("heartbeat_at") WHERE status = \'running\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "product_imports_caller_key_uq" ON "product_imports"  ("caller_key", "idempotency_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "product_import_rejections" ("import_id" uuid NOT NULL, "row_number" integer NOT NULL, "field" text NOT NULL, "reason" text NOT NULL, "raw_values" jsonb NOT NULL, CONSTRAINT "PK_c29ba25e32720552192ca28ddc7" PRIMARY KEY ("import_id", "row_number", "field"))',
    );
    await queryRunner.query(
      'ALTER TABLE "product_imports" ADD CONSTRAINT "FK_a80688ba358238aa0d3fe35f25e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "product_import_rejections" ADD CONSTRAINT "FK_5726124398af3f073be7e91c7aa" FOREIGN KEY ("import_id") REFERENCES "product_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "product_import_rejections" DROP CONSTRAINT "FK_5726124398af3f073be7e91c7aa"',
    );
    await queryRunner.query(
      'ALTER TABLE "product_imports" DROP CONSTRAINT "FK_a80688ba358238aa0d3fe35f25e"',
    );
    await queryRunner.query('DROP TABLE "product_import_rejections"');
    await queryRunner.query('DROP INDEX "public"."product_imports_caller_key_uq"');
    await queryRunner.query('DROP INDEX "public"."product_imports_running_idx"');
    await queryRunner.query('DROP TABLE "product_imports"');
  }
}
