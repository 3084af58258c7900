import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets and their replies (API.md §9). `updated_at` is stamped by the
 * trigger stamp_updated_at (AddSyncColumns); the knowledge base's auto-FAQ
 * job reads questions by (kind, created_at).
 */
export class CreateTickets1796614570568 implements MigrationInterface {
  name = 'CreateTickets1796614570568';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "kind" text NOT NULL, "subject" text NOT NULL, "content" text NOT NULL, "status" text NOT NULL DEFAULT \'open\', "assignee_id" uuid, "created_by" uuid, "first_response_due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "first_responded_at" TIMESTAMP(3) WITH TIME ZONE, "sla_breached_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "tickets_status_ck" CHECK ("status" IN (\'open\', \'in_progress\', \'resolved\', \'closed\')), CONSTRAINT "tickets_kind_ck" CHECK ("kind" IN (\'complaint\', \'reorder\', \'question\')), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "tickets_awaiting_response_idx" ON "tickets"  ("first_response_due_at") WHERE "first_responded_at" IS NULL AND "sla_breached_at" IS NULL',
    );
    await queryRunner.query('CREATE INDEX "tickets_assignee_idx" ON "tickets"  ("assignee_id") ');
    await queryRunner.query(
      'CREATE INDEX "tickets_customer_created_idx" ON "tickets"  ("customer_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "tickets_updated_idx" ON "tickets"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "tickets_created_idx" ON "tickets"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "tickets_kind_created_idx" ON "tickets"  ("kind", "created_at") ',
    );
    await queryRunner.query(
      `CREATE TRIGGER tickets_stamp_updated_at BEFORE INSERT OR UPDATE ON tickets
       FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
    );
    await queryRunner.query(
      'CREATE TABLE "ticket_replies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ab133db0068322c649e89fc019" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ticket_replies_ticket_created_idx" ON "ticket_replies"  ("ticket_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_42e4343476d9c4a46fb565a5c46" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_dff6e2b44c9b5e177114588772f" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" ADD CONSTRAINT "FK_8798a589dc4c71b6d0e8c2b9fc3" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_replies" ADD CONSTRAINT "FK_fe74de0bf05fc48dd25e7faf9e6" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_replies" ADD CONSTRAINT "FK_75f8946457d6b162f9c5e59fee2" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER tickets_stamp_updated_at ON tickets');
    await queryRunner.query(
      'ALTER TABLE "ticket_replies" DROP CONSTRAINT "FK_75f8946457d6b162f9c5e59fee2"',
    );
    await queryRunner.query(
      'ALTER TABLE "ticket_replies" DROP CONSTRAINT "FK_fe74de0bf05fc48dd25e7faf9e6"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_8798a589dc4c71b6d0e8c2b9fc3"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_dff6e2b44c9b5e177114588772f"',
    );
    await queryRunner.query(
      'ALTER TABLE "tickets" DROP CONSTRAINT "FK_42e4343476d9c4a46fb565a5c46"',
    );
    await queryRunner.query('DROP INDEX "public"."ticket_replies_ticket_created_idx"');
    await queryRunner.query('DROP TABLE "ticket_replies"');
    await queryRunner.query('DROP INDEX "public"."tickets_kind_created_idx"');
    await queryRunner.query('DROP INDEX "public"."tickets_created_idx"');
    await queryRunner.query('DROP INDEX "public"."tickets_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."tickets_customer_created_idx"');
    await queryRunner.query('DROP INDEX "public"."tickets_assignee_idx"');
    await queryRunner.query('DROP INDEX "public"."tickets_awaiting_response_idx"');
    await queryRunner.query('DROP TABLE "tickets"');
  }
}
