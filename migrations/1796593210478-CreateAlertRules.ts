import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert rules and the breaches they found, one per (rule, unit, week). A
 * rule's updated_at is stamped by the trigger stamp_updated_at
 * (AddSyncColumns), which `?updatedSince=` relies on.
 */

export class CreateAlertRules1796593210478 implements MigrationInterface {
  name = 'CreateAlertRules1796593210478';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "alert_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "metric" text NOT NULL, "scope" text NOT NULL, "comparator" text NOT NULL, "threshold" numeric(5,2) NOT NULL, "notify_roles" text array NOT NULL, "cc_roles" text array NOT NULL DEFAULT \'{}\', "playbook_id" uuid, "reach_org_unit_id" uuid, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_ae580564f087ffab9d229225aec" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "alert_rules_updated_idx" ON "alert_rules"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "alert_rules_created_idx" ON "alert_rules"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "alert_breaches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "week" text NOT NULL, "value" numeric(5,2) NOT NULL, "threshold" numeric(5,2) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa6fab3894ee956bb6f63ced45b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "alert_breaches_week_idx" ON "alert_breaches"  ("week") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "alert_breaches_rule_unit_week_uq" ON "alert_breaches"  ("rule_id", "org_unit_id", "week") ',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" ADD CONSTRAINT "FK_956f39c563a46003a62048d1e86" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" ADD CONSTRAINT "FK_a822a1ff07ef65993e7a88fe44b" FOREIGN KEY ("reach_org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" ADD CONSTRAINT "FK_98b04ee27fcea5573c426958903" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_breaches" ADD CONSTRAINT "FK_90c6eaf64a5efb9af63843cddf9" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_breaches" ADD CONSTRAINT "FK_785773e0cbc03fa353bd2fbe7c3" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE TRIGGER alert_rules_stamp_updated_at BEFORE INSERT OR UPDATE ON alert_rules
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER alert_rules_stamp_updated_at ON alert_rules');
    await queryRunner.query(
      'ALTER TABLE "alert_breaches" DROP CONSTRAINT "FK_785773e0cbc03fa353bd2fbe7c3"',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_breaches" DROP CONSTRAINT "FK_90c6eaf64a5efb9af63843cddf9"',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" DROP CONSTRAINT "FK_98b04ee27fcea5573c426958903"',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" DROP CONSTRAINT "FK_a822a1ff07ef65993e7a88fe44b"',
    );
    await queryRunner.query(
      'ALTER TABLE "alert_rules" DROP CONSTRAINT "FK_956f39c563a46003a62048d1e86"',
    );
    await queryRunner.query('DROP INDEX "public"."alert_breaches_rule_unit_week_uq"');
    await queryRunner.query('DROP INDEX "public"."alert_breaches_week_idx"');
    await queryRunner.query('DROP TABLE "alert_breaches"');
    await queryRunner.query('DROP INDEX "public"."alert_rules_created_idx"');
    await queryRunner.query('DROP INDEX "public"."alert_rules_updated_idx"');
    await queryRunner.query('DROP TABLE "alert_rules"');
  }
}
