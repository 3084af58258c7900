import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomers1795892806805 implements MigrationInterface {
  name = 'CreateCustomers1795892806805';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "phone" text NOT NULL, "segment" text NOT NULL DEFAULT \'b2b\', "company" text, "city" text, "tags" text array NOT NULL DEFAULT \'{}\', "purchase_frequency" numeric(12,4), "avg_order_value" numeric(18,2), "owner_id" uuid, "store_id" uuid, "erp_code" text, "custom_fields" jsonb NOT NULL DEFAULT \'{}\', "stage" text NOT NULL DEFAULT \'lead\', "last_interaction_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "customers_phone_uq" ON "customers"  ("phone") ');
    await queryRunner.query(
      'CREATE INDEX "customers_created_idx" ON "customers"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "customers_owner_created_idx" ON "customers"  ("owner_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "customers" ADD CONSTRAINT "FK_790797178a0a9643de8bbbc9605" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "customers" ADD CONSTRAINT "FK_2501b8750977dd4f4d06dfeff07" FOREIGN KEY ("store_id") REFERENCES "org_units"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "customers" DROP CONSTRAINT "FK_2501b8750977dd4f4d06dfeff07"',
    );
    await queryRunner.query(
      'ALTER TABLE "customers" DROP CONSTRAINT "FK_790797178a0a9643de8bbbc9605"',
    );
    await queryRunner.query('DROP INDEX "public"."customers_owner_created_idx"');
    await queryRunner.query('DROP INDEX "public"."customers_created_idx"');
    await queryRunner.query('DROP INDEX "public"."customers_phone_uq"');
    await queryRunner.query('DROP TABLE "customers"');
  }
}
