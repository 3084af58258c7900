import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts, orders and the ERP sync outbox (API.md §6). Contract numbers
 * come from a sequence, as quote numbers do.
 */
export class CreateContractsAndOrders1796561067428 implements MigrationInterface {
  name = 'CreateContractsAndOrders1796561067428';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_no" text NOT NULL, "quote_id" uuid NOT NULL, "quote_version" integer NOT NULL, "customer_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "amount" numeric(18,2) NOT NULL, "amount_with_tax" numeric(18,2) NOT NULL, "lines" jsonb NOT NULL, "signed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "contracts_contract_no_uq" ON "contracts"  ("contract_no") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "contracts_quote_uq" ON "contracts"  ("quote_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "contracts_updated_idx" ON "contracts"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "contracts_created_idx" ON "contracts"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "contracts_customer_signed_idx" ON "contracts"  ("customer_id", "signed_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "store_id" uuid, "contract_id" uuid, "amount" numeric(18,2) NOT NULL, "ordered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "lines" jsonb, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "orders_amount_ck" CHECK ("amount" >= 0), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "orders_contract_uq" ON "orders"  ("contract_id") ',
    );
    await queryRunner.query('CREATE INDEX "orders_updated_idx" ON "orders"  ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "orders_ordered_idx" ON "orders"  ("ordered_at", "id") ');
    await queryRunner.query(
      'CREATE INDEX "orders_customer_ordered_idx" ON "orders"  ("customer_id", "ordered_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "erp_sync_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "erp_order_no" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "erp_sync_jobs_status_ck" CHECK ("status" IN (\'pending\', \'synced\', \'failed\', \'dead\')), CONSTRAINT "PK_757909ef2cd138a4c3f256806cc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "erp_sync_jobs_contract_uq" ON "erp_sync_jobs"  ("contract_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "erp_sync_jobs_updated_idx" ON "erp_sync_jobs"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "erp_sync_jobs_status_idx" ON "erp_sync_jobs"  ("status", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "FK_7a47f68f5d8440793d2660b937b" FOREIGN KEY ("quote_id") REFERENCES "quotes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "FK_2e66f7950711366031e3200413d" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "FK_edab3841e395df407bf9118979b" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "FK_c0a3fac2a4731eabc427a4ad1b5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_772d0ce0473ac2ccfa26060dbe9" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_b7a7bb813431fc7cd73cced0001" FOREIGN KEY ("store_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_6ed346f1179ae378edebb567b13" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_574a2f0932043d4e4baf188ee05" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "erp_sync_jobs" ADD CONSTRAINT "FK_a29b2454e62d6fa56c376da7140" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query('CREATE SEQUENCE contract_number_seq');
    for (const table of ['contracts', 'orders', 'erp_sync_jobs']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_stamp_updated_at BEFORE INSERT OR UPDATE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['contracts', 'orders', 'erp_sync_jobs']) {
      await queryRunner.query(`DROP TRIGGER ${table}_stamp_updated_at ON ${table}`);
    }
    await queryRunner.query('DROP SEQUENCE contract_number_seq');
    await queryRunner.query(
      'ALTER TABLE "erp_sync_jobs" DROP CONSTRAINT "FK_a29b2454e62d6fa56c376da7140"',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" DROP CONSTRAINT "FK_574a2f0932043d4e4baf188ee05"',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" DROP CONSTRAINT "FK_6ed346f1179ae378edebb567b13"',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" DROP CONSTRAINT "FK_b7a7bb813431fc7cd73cced0001"',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" DROP CONSTRAINT "FK_772d0ce0473ac2ccfa26060dbe9"',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" DROP CONSTRAINT "FK_c0a3fac2a4731eabc427a4ad1b5"',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" DROP CONSTRAINT "FK_edab3841e395df407bf9118979b"',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" DROP CONSTRAINT "FK_2e66f7950711366031e3200413d"',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" DROP CONSTRAINT "FK_7a47f68f5d8440793d2660b937b"',
    );
    await queryRunner.query('DROP INDEX "public"."erp_sync_jobs_status_idx"');
    await queryRunner.query('DROP INDEX "public"."erp_sync_jobs_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."erp_sync_jobs_contract_uq"');
    await queryRunner.query('DROP TABLE "erp_sync_jobs"');
    await queryRunner.query('DROP INDEX "public"."orders_customer_ordered_idx"');
    await queryRunner.query('DROP INDEX "public"."orders_ordered_idx"');
    await queryRunner.query('DROP INDEX "public"."orders_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."orders_contract_uq"');
    await queryRunner.query('DROP TABLE "orders"');
    await queryRunner.query('DROP INDEX "public"."contracts_customer_signed_idx"');
    await queryRunner.query('DROP INDEX "public"."contracts_created_idx"');
    await queryRunner.query('DROP INDEX "public"."contracts_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."contracts_quote_uq"');
    await queryRunner.query('DROP INDEX "public"."contracts_contract_no_uq"');
    await queryRunner.query('DROP TABLE "contracts"');
  }
}
