import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSignalsAndTriggerRules1795901330714 implements MigrationInterface {
  name = 'CreateSignalsAndTriggerRules1795901330714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "signals" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "customer_id" uuid NOT NULL, "type" text NOT NULL, "count" integer NOT NULL DEFAULT \'1\', "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_04eeac09c09b65bc55c628c101d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "signals_type_at_customer_idx" ON "signals"  ("type", "at", "customer_id", "count") ',
    );
    await queryRunner.query(
      'CREATE TABLE "trigger_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "signal_type" text NOT NULL, "growth_pct" numeric(8,2) NOT NULL, "window_days" integer NOT NULL, "min_count" integer NOT NULL DEFAULT \'1\', "playbook_id" uuid NOT NULL, "reach" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ca7fe28e147151c8df045630fb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "trigger_rules_created_idx" ON "trigger_rules"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "trigger_rules" ADD CONSTRAINT "FK_d9f5a068db2602e9be973cdab66" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trigger_rules" ADD CONSTRAINT "FK_feb3e08edd8d41f3f9aa9f83fd8" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "trigger_rules" DROP CONSTRAINT "FK_feb3e08edd8d41f3f9aa9f83fd8"',
    );
    await queryRunner.query(
      'ALTER TABLE "trigger_rules" DROP CONSTRAINT "FK_d9f5a068db2602e9be973cdab66"',
    );
    await queryRunner.query('DROP INDEX "public"."trigger_rules_created_idx"');
    await queryRunner.query('DROP TABLE "trigger_rules"');
    await queryRunner.query('DROP INDEX "public"."signals_type_at_customer_idx"');
    await queryRunner.query('DROP TABLE "signals"');
  }
}
