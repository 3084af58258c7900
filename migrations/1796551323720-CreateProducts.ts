import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product library (API.md §5). Its list takes `?updatedSince=`, so
 * `updated_at` is stamped by the trigger stamp_updated_at (AddSyncColumns).
 */
export class CreateProducts1796551323720 implements MigrationInterface {
  name = 'CreateProducts1796551323720';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sku" text NOT NULL, "name" text NOT NULL, "unit" text NOT NULL, "list_price" numeric(14,2) NOT NULL, "cost" numeric(14,2) NOT NULL, "tax_rate_pct" numeric(5,2) NOT NULL DEFAULT \'13\', "category" text, "min_margin_pct" numeric(4,2), "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "products_percentages_ck" CHECK ("tax_rate_pct" BETWEEN 0 AND 100 AND "min_margin_pct" >= 0 AND "min_margin_pct" < 100), CONSTRAINT "products_prices_ck" CHECK ("list_price" > 0 AND "cost" >= 0), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "products_sku_uq" ON "products"  ("sku") ');
    await queryRunner.query(
      'CREATE INDEX "products_updated_idx" ON "products"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "products_category_idx" ON "products"  ("category", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "products_created_idx" ON "products"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "products" ADD CONSTRAINT "FK_c1af9b47239151e255f62e03247" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE TRIGGER products_stamp_updated_at BEFORE INSERT OR UPDATE ON products
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER products_stamp_updated_at ON products');
    await queryRunner.query(
      'ALTER TABLE "products" DROP CONSTRAINT "FK_c1af9b47239151e255f62e03247"',
    );
    await queryRunner.query('DROP INDEX "public"."products_created_idx"');
    await queryRunner.query('DROP INDEX "public"."products_category_idx"');
    await queryRunner.query('DROP INDEX "public"."products_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."products_sku_uq"');
    await queryRunner.query('DROP TABLE "products"');
  }
}
