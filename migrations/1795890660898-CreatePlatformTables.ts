import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlatformTables1795890660898 implements MigrationInterface {
  name = 'CreatePlatformTables1795890660898';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" text, "entity" text NOT NULL, "entity_id" text NOT NULL, "action" text NOT NULL, "data" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity", "entity_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rate_limit_counters" ("bucket" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_1d945ced931693101cb40178ac2" PRIMARY KEY ("bucket", "window_start"))',
    );
    await queryRunner.query(
      'CREATE TABLE "organisation_settings" ("id" smallint NOT NULL, "values" jsonb NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_settings_singleton" CHECK (id = 1), CONSTRAINT "PK_8c8280758b0103dc11669918ead" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("caller_key" text NOT NULL, "key" text NOT NULL, "request_hash" character(64) NOT NULL, "response_status" integer NOT NULL, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a4a9e692a78831a2c64a9f64cc" PRIMARY KEY ("caller_key", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"  ("created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "roles" text array NOT NULL, "org_unit_id" uuid, "supervisor_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "users_org_unit_idx" ON "users"  ("org_unit_id") ');
    await queryRunner.query('CREATE INDEX "users_supervisor_idx" ON "users"  ("supervisor_id") ');
    await queryRunner.query(
      'CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "type" text NOT NULL, "parent_id" uuid, "manager_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "org_units_parent_idx" ON "org_units"  ("parent_id") ');
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "roles" text array NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "api_keys_key_hash_uq" ON "api_keys"  ("key_hash") ',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_758b37f4f8ca8be4ddaefa51c9e" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_9a1bf4d0601de6693fc9b31d7f5" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "org_units" ADD CONSTRAINT "FK_3e9942755fa1c0d50f87ae77589" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );

    // Written by hand: what entities cannot express.
    await queryRunner.query(`CREATE SEQUENCE "audit_events_seq" AS bigint`);
    await queryRunner.query(`
      CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change()`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_username_lower_uq" ON "users" (lower("username"))`,
    );
    await queryRunner.query(
      `INSERT INTO "organisation_settings" ("id", "values") VALUES (1, '{}')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "users_username_lower_uq"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_reject_change()`);
    await queryRunner.query(`DROP SEQUENCE "audit_events_seq"`);
    await queryRunner.query(
      'ALTER TABLE "org_units" DROP CONSTRAINT "FK_3e9942755fa1c0d50f87ae77589"',
    );
    await queryRunner.query(
      'ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"',
    );
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_9a1bf4d0601de6693fc9b31d7f5"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_758b37f4f8ca8be4ddaefa51c9e"');
    await queryRunner.query('DROP INDEX "public"."api_keys_key_hash_uq"');
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "public"."org_units_parent_idx"');
    await queryRunner.query('DROP TABLE "org_units"');
    await queryRunner.query('DROP INDEX "public"."users_supervisor_idx"');
    await queryRunner.query('DROP INDEX "public"."users_org_unit_idx"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."idempotency_keys_created_at_idx"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
    await queryRunner.query('DROP TABLE "organisation_settings"');
    await queryRunner.query('DROP TABLE "rate_limit_counters"');
    await queryRunner.query('DROP INDEX "public"."audit_events_entity_idx"');
    await queryRunner.query('DROP TABLE "audit_events"');
  }
}
