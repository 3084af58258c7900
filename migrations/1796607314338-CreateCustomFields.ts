import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomFields1796607314338 implements MigrationInterface {
  name = 'CreateCustomFields1796607314338';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "custom_fields" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity" text NOT NULL, "key" text NOT NULL, "label" text NOT NULL, "type" text NOT NULL, "options" text array, "required" boolean NOT NULL DEFAULT false, "created_by" uuid, "deleted_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_35ab958a0baec2e0b2b2b875fdb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "custom_fields_created_idx" ON "custom_fields"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "custom_fields_entity_key_live_uq" ON "custom_fields"  ("entity", "key") WHERE "deleted_at" IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "quotes" ADD "custom_fields" jsonb NOT NULL DEFAULT \'{}\'',
    );
    // Written by hand: TypeORM cannot declare an index method (the entities say synchronize: false).
    await queryRunner.query(
      'CREATE INDEX "customers_custom_fields_gin" ON "customers" USING gin ("custom_fields")',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_ups_custom_fields_gin" ON "follow_ups" USING gin ("custom_fields")',
    );
    await queryRunner.query(
      'CREATE INDEX "quotes_custom_fields_gin" ON "quotes" USING gin ("custom_fields")',
    );
    await queryRunner.query(
      'ALTER TABLE "custom_fields" ADD CONSTRAINT "FK_d626935ec86942da4fe38f364e9" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "custom_fields" DROP CONSTRAINT "FK_d626935ec86942da4fe38f364e9"',
    );
    await queryRunner.query('DROP INDEX "public"."quotes_custom_fields_gin"');
    await queryRunner.query('DROP INDEX "public"."follow_ups_custom_fields_gin"');
    await queryRunner.query('DROP INDEX "public"."customers_custom_fields_gin"');
    await queryRunner.query('ALTER TABLE "quotes" DROP COLUMN "custom_fields"');
    await queryRunner.query('DROP INDEX "public"."custom_fields_entity_key_live_uq"');
    await queryRunner.query('DROP INDEX "public"."custom_fields_created_idx"');
    await queryRunner.query('DROP TABLE "custom_fields"');
  }
}
