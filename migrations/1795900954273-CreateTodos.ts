import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTodos1795900954273 implements MigrationInterface {
  name = 'CreateTodos1795900954273';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "todos" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "assignee_id" uuid NOT NULL, "customer_id" uuid, "title" text NOT NULL, "payload" jsonb NOT NULL DEFAULT \'{}\', "due_at" TIMESTAMP(3) WITH TIME ZONE, "status" text NOT NULL DEFAULT \'open\', "dedupe_key" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_ca8cafd59ca6faaf67995344225" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "todos_dedupe_key_uq" ON "todos"  ("dedupe_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "todos_customer_open_idx" ON "todos"  ("customer_id") WHERE status = \'open\'',
    );
    await queryRunner.query(
      'CREATE INDEX "todos_assignee_status_created_idx" ON "todos"  ("assignee_id", "status", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "todos" ADD CONSTRAINT "FK_6d7c3fd77573b5ecd5e1e83704d" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "todos" ADD CONSTRAINT "FK_2f1b85375d83defa0970b9b902e" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "todos" DROP CONSTRAINT "FK_2f1b85375d83defa0970b9b902e"');
    await queryRunner.query('ALTER TABLE "todos" DROP CONSTRAINT "FK_6d7c3fd77573b5ecd5e1e83704d"');
    await queryRunner.query('DROP INDEX "public"."todos_assignee_status_created_idx"');
    await queryRunner.query('DROP INDEX "public"."todos_customer_open_idx"');
    await queryRunner.query('DROP INDEX "public"."todos_dedupe_key_uq"');
    await queryRunner.query('DROP TABLE "todos"');
  }
}
