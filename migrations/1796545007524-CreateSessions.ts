import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions (a login and the refresh tokens rotated from it) and their refresh
 * tokens, stored as sha256. Access tokens name their session, and replicas
 * cache principals per session, so ending one (logout, a reused refresh token,
 * a password change, a deactivation) notifies principals_changed at commit,
 * as a change to users or API keys does (see NotifyPrincipalChanges).
 * Rotating a token writes only refresh_tokens, so it notifies nothing.
 */
export class CreateSessions1796545007524 implements MigrationInterface {
  name = 'CreateSessions1796545007524';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP(3) WITH TIME ZONE, "end_reason" text, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sessions_user_live_idx" ON "sessions"  ("user_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("token_hash" character(64) NOT NULL, "session_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_a7838d2ba25be1342091b6695f1" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "refresh_tokens_expires_idx" ON "refresh_tokens"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE TRIGGER sessions_notify_principals_changed
      AFTER UPDATE OF ended_at OR DELETE OR TRUNCATE ON "sessions"
      FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sessions_notify_principals_changed ON "sessions"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
