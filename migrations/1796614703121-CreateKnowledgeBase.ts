import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base: articles (with their jieba search vector), read
 * receipts, pushes, their runs and deliveries. Articles' and pushes'
 * updated_at are stamped by the trigger stamp_updated_at (AddSyncColumns),
 * which `?updatedSince=` relies on.
 */

export class CreateKnowledgeBase1796614703121 implements MigrationInterface {
  name = 'CreateKnowledgeBase1796614703121';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "kb_articles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "body" text NOT NULL, "tags" text array NOT NULL DEFAULT \'{}\', "status" text NOT NULL, "source" text NOT NULL, "example_ticket_ids" uuid array NOT NULL DEFAULT \'{}\', "cluster_key" text, "search" tsvector NOT NULL, "created_by" uuid, "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_ffb01b096d72350aa97d1d0cb14" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "kb_articles_cluster_key_uq" ON "kb_articles"  ("cluster_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_articles_updated_idx" ON "kb_articles"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_articles_created_idx" ON "kb_articles"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kb_article_reads" ("article_id" uuid NOT NULL, "user_id" uuid NOT NULL, "read_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b74df6f88334ffc5a74cf2c5a0" PRIMARY KEY ("article_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_article_reads_user_idx" ON "kb_article_reads"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kb_pushes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cron" text NOT NULL, "timezone" text NOT NULL, "article_ids" uuid array, "source" text NOT NULL, "audience_roles" text array NOT NULL, "next_run_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_d798b630e39d3a941c2a77682e5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_pushes_due_idx" ON "kb_pushes"  ("next_run_at") WHERE "active"',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_pushes_updated_idx" ON "kb_pushes"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_pushes_created_idx" ON "kb_pushes"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kb_push_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "push_id" uuid NOT NULL, "ran_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "trigger" text NOT NULL, "scheduled_for" TIMESTAMP(3) WITH TIME ZONE, "article_ids" uuid array NOT NULL, "delivered" integer NOT NULL, CONSTRAINT "PK_030d2fe030117dd90b32bb95443" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "kb_push_runs_push_scheduled_uq" ON "kb_push_runs"  ("push_id", "scheduled_for") ',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_push_runs_push_ran_idx" ON "kb_push_runs"  ("push_id", "ran_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "kb_push_deliveries" ("run_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_0c22a784f9b5d029bbc789a9867" PRIMARY KEY ("run_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_push_deliveries_user_idx" ON "kb_push_deliveries"  ("user_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_articles" ADD CONSTRAINT "FK_97f00dd69b2702516768e908cf2" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_article_reads" ADD CONSTRAINT "FK_17e4be2479705ae76a4add15842" FOREIGN KEY ("article_id") REFERENCES "kb_articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_article_reads" ADD CONSTRAINT "FK_3165b29f7fb453940054f72cf7a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_pushes" ADD CONSTRAINT "FK_c118745bf58b84194ebe44c25cb" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_push_runs" ADD CONSTRAINT "FK_f1c77ee1dbf1e9d0b700aaa00d8" FOREIGN KEY ("push_id") REFERENCES "kb_pushes"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_push_deliveries" ADD CONSTRAINT "FK_e8ffc97b7a78367979bafc9be60" FOREIGN KEY ("run_id") REFERENCES "kb_push_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_push_deliveries" ADD CONSTRAINT "FK_9abc5ded6eb328a92f1db9dedc3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Written by hand: TypeORM cannot declare an index method (the entity says synchronize: false).
    await queryRunner.query(
      'CREATE INDEX "kb_articles_search_gin" ON "kb_articles" USING gin ("search")',
    );
    await queryRunner.query(
      'CREATE INDEX "kb_articles_tags_gin" ON "kb_articles" USING gin ("tags")',
    );
    for (const table of ['kb_articles', 'kb_pushes']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_stamp_updated_at BEFORE INSERT OR UPDATE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION stamp_updated_at()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER kb_pushes_stamp_updated_at ON kb_pushes');
    await queryRunner.query('DROP TRIGGER kb_articles_stamp_updated_at ON kb_articles');
    await queryRunner.query('DROP INDEX "public"."kb_articles_tags_gin"');
    await queryRunner.query('DROP INDEX "public"."kb_articles_search_gin"');
    await queryRunner.query(
      'ALTER TABLE "kb_push_deliveries" DROP CONSTRAINT "FK_9abc5ded6eb328a92f1db9dedc3"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_push_deliveries" DROP CONSTRAINT "FK_e8ffc97b7a78367979bafc9be60"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_push_runs" DROP CONSTRAINT "FK_f1c77ee1dbf1e9d0b700aaa00d8"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_pushes" DROP CONSTRAINT "FK_c118745bf58b84194ebe44c25cb"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_article_reads" DROP CONSTRAINT "FK_3165b29f7fb453940054f72cf7a"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_article_reads" DROP CONSTRAINT "FK_17e4be2479705ae76a4add15842"',
    );
    await queryRunner.query(
      'ALTER TABLE "kb_articles" DROP CONSTRAINT "FK_97f00dd69b2702516768e908cf2"',
    );
    await queryRunner.query('DROP INDEX "public"."kb_push_deliveries_user_idx"');
    await queryRunner.query('DROP TABLE "kb_push_deliveries"');
    await queryRunner.query('DROP INDEX "public"."kb_push_runs_push_ran_idx"');
    await queryRunner.query('DROP INDEX "public"."kb_push_runs_push_scheduled_uq"');
    await queryRunner.query('DROP TABLE "kb_push_runs"');
    await queryRunner.query('DROP INDEX "public"."kb_pushes_created_idx"');
    await queryRunner.query('DROP INDEX "public"."kb_pushes_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."kb_pushes_due_idx"');
    await queryRunner.query('DROP TABLE "kb_pushes"');
    await queryRunner.query('DROP INDEX "public"."kb_article_reads_user_idx"');
    await queryRunner.query('DROP TABLE "kb_article_reads"');
    await queryRunner.query('DROP INDEX "public"."kb_articles_created_idx"');
    await queryRunner.query('DROP INDEX "public"."kb_articles_updated_idx"');
    await queryRunner.query('DROP INDEX "public"."kb_articles_cluster_key_uq"');
    await queryRunner.query('DROP TABLE "kb_articles"');
  }
}
