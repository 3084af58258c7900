import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox and webhook subscriptions with their delivery log (API.md
 * §8 "Notifications"). The three lists take `?updatedSince=`, so `updated_at`
 * is stamped by the trigger stamp_updated_at (AddSyncColumns). Deliveries are
 * the webhook outbox: written in the transaction of the change that caused
 * them, and queued on pg-boss in it.
 */
export class CreateNotificationsAndWebhooks1796589598635 implements MigrationInterface {
  name = 'CreateNotificationsAndWebhooks1796589598635';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "payload" jsonb NOT NULL DEFAULT \'{}\', "read_at" TIMESTAMP(3) WITH TIME ZONE, "dedupe_key" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "notifications_dedupe_key_uq" ON "notifications"  ("dedupe_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_user_updated_idx" ON "notifications"  ("user_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_user_unread_idx" ON "notifications"  ("user_id") WHERE read_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_user_created_idx" ON "notifications"  ("user_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "events" text array NOT NULL, "format" text NOT NULL DEFAULT \'json\', "secret" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "webhooks_format_ck" CHECK ("format" IN (\'json\', \'wecom\')), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "webhooks_updated_idx" ON "webhooks"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "webhooks_created_idx" ON "webhooks"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "webhook_id" uuid NOT NULL, "event" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_status_ck" CHECK ("status" IN (\'pending\', \'delivered\', \'failed\', \'dead\')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "webhook_deliveries_webhook_created_idx" ON "webhook_deliveries"  ("webhook_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhooks" ADD CONSTRAINT "FK_eb68180d7bcb926c84b0cafb447" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE TRIGGER notifications_stamp_updated_at BEFORE INSERT OR UPDATE ON notifications
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER webhooks_stamp_updated_at BEFORE INSERT OR UPDATE ON webhooks
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER webhook_deliveries_stamp_updated_at BEFORE INSERT OR UPDATE ON webhook_deliveries
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER webhook_deliveries_stamp_updated_at ON webhook_deliveries',
    );
    await queryRunner.query('DROP TRIGGER webhooks_stamp_updated_at ON webhooks');
    await queryRunner.query('DROP TRIGGER notifications_stamp_updated_at ON notifications');
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"',
    );
    await queryRunner.query(
      'ALTER TABLE "webhooks" DROP CONSTRAINT "FK_eb68180d7bcb926c84b0cafb447"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"',
    );
    await queryRunner.query('DROP INDEX "public"."webhook_deliveries_webhook_created_idx"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
    await queryRunner.query('DROP INDEX "public"."webhooks_created_idx"');
    await queryRunner.query('DROP INDEX "public"."webhooks_updated_idx"');
    await queryRunner.query('DROP TABLE "webhooks"');
    await queryRunner.query('DROP INDEX "public"."notifications_user_created_idx"');
    await queryRunner.query('DROP INDEX "public"."notifications_user_unread_idx"');
    await queryRunner.query('DROP INDEX "public"."notifications_user_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."notifications_dedupe_key_uq"');
    await queryRunner.query('DROP TABLE "notifications"');
  }
}
