import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFollowUps1795901400364 implements MigrationInterface {
  name = 'CreateFollowUps1795901400364';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "author_id" uuid, "channel" text NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "summary" text NOT NULL, "transcript" jsonb NOT NULL DEFAULT \'[]\', "deliverable_ids" uuid array NOT NULL DEFAULT \'{}\', "proof_ids" uuid array NOT NULL DEFAULT \'{}\', "next_touch_at" TIMESTAMP(3) WITH TIME ZONE, "stage" text, "objections" jsonb NOT NULL DEFAULT \'[]\', "custom_fields" jsonb NOT NULL DEFAULT \'{}\', "confirmed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_ups_customer_occurred_idx" ON "follow_ups"  ("customer_id", "occurred_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "follow_up_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "follow_up_id" uuid NOT NULL, "token_sha256" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "used_from_ip" text, "used_user_agent" text, "created_by" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c10873989f11b1f40f05186be8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "follow_up_confirmations_token_uq" ON "follow_up_confirmations"  ("token_sha256") ',
    );
    await queryRunner.query(
      'CREATE TABLE "follow_up_obligations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "follow_up_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "owner_id" uuid, "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "grace_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fulfilled_at" TIMESTAMP(3) WITH TIME ZONE, "fulfilled_by_follow_up_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_56e612b2ee171d6f692bd109ddc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "follow_up_obligations_follow_up_uq" ON "follow_up_obligations"  ("follow_up_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_up_obligations_owner_due_idx" ON "follow_up_obligations"  ("owner_id", "due_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_up_obligations_customer_opened_idx" ON "follow_up_obligations"  ("customer_id", "opened_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_98b3f566a978ce9c06495c5a1ac" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_cdfdf2dfce79f4da7c89c342e4d" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_confirmations" ADD CONSTRAINT "FK_efeb11ac76ee29063acaad11388" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" ADD CONSTRAINT "FK_35165aece5bf6c132d0f0efca83" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" ADD CONSTRAINT "FK_fcd341ee188e0450d9abfd651cd" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" ADD CONSTRAINT "FK_3033aacf69c7c8db23e74649ae8" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" ADD CONSTRAINT "FK_a3ac5dfe06591c78034737a2f6b" FOREIGN KEY ("fulfilled_by_follow_up_id") REFERENCES "follow_ups"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" DROP CONSTRAINT "FK_a3ac5dfe06591c78034737a2f6b"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" DROP CONSTRAINT "FK_3033aacf69c7c8db23e74649ae8"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" DROP CONSTRAINT "FK_fcd341ee188e0450d9abfd651cd"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_obligations" DROP CONSTRAINT "FK_35165aece5bf6c132d0f0efca83"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_up_confirmations" DROP CONSTRAINT "FK_efeb11ac76ee29063acaad11388"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_cdfdf2dfce79f4da7c89c342e4d"',
    );
    await queryRunner.query(
      'ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_98b3f566a978ce9c06495c5a1ac"',
    );
    await queryRunner.query('DROP INDEX "public"."follow_up_obligations_customer_opened_idx"');
    await queryRunner.query('DROP INDEX "public"."follow_up_obligations_owner_due_idx"');
    await queryRunner.query('DROP INDEX "public"."follow_up_obligations_follow_up_uq"');
    await queryRunner.query('DROP TABLE "follow_up_obligations"');
    await queryRunner.query('DROP INDEX "public"."follow_up_confirmations_token_uq"');
    await queryRunner.query('DROP TABLE "follow_up_confirmations"');
    await queryRunner.query('DROP INDEX "public"."follow_ups_customer_occurred_idx"');
    await queryRunner.query('DROP TABLE "follow_ups"');
  }
}
