import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock levels pulled from the ERP, one row per product (issue 14 §5). */
export class CreateProductStock1796567515204 implements MigrationInterface {
  name = 'CreateProductStock1796567515204';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "product_stock" ("product_id" uuid NOT NULL, "quantity" numeric(16,4) NOT NULL, "synced_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "source" text NOT NULL, "erp_kind" text NOT NULL, "connection_id" uuid, CONSTRAINT "product_stock_erp_kind_ck" CHECK ("erp_kind" IN (\'k3cloud\', \'u8\')), CONSTRAINT "PK_62a8438c36b1a42790d3cd755a1" PRIMARY KEY ("product_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "product_stock" ADD CONSTRAINT "FK_62a8438c36b1a42790d3cd755a1" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "product_stock" DROP CONSTRAINT "FK_62a8438c36b1a42790d3cd755a1"',
    );
    await queryRunner.query('DROP TABLE "product_stock"');
  }
}
