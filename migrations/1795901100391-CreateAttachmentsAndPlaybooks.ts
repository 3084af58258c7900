import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAttachmentsAndPlaybooks1795901100391 implements MigrationInterface {
  name = 'CreateAttachmentsAndPlaybooks1795901100391';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "attachment_blobs" ("sha256" character(64) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachment_blobs_sha256_ck" CHECK (sha256 = encode(sha256(content), \'hex\')), CONSTRAINT "PK_9ab24ad7d1a5ffc2ae16ed39c0e" PRIMARY KEY ("sha256"))',
    );
    await queryRunner.query(
      'CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" character(64) NOT NULL, "size" integer NOT NULL, "mime_type" text NOT NULL, "file_name" text NOT NULL, "uploaded_by" uuid, "uploader_key" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "attachment_links" ("attachment_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "customer_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94c65f1c03b8cd16749bb07929d" PRIMARY KEY ("attachment_id", "subject_type", "subject_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "playbooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "kind" text NOT NULL, "content" text NOT NULL, "attachment_ids" uuid array NOT NULL DEFAULT \'{}\', "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT \'1\', CONSTRAINT "PK_700979398c237ee843f513f51ce" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "playbooks_kind_created_idx" ON "playbooks"  ("kind", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "playbooks_created_idx" ON "playbooks"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_095b88cafed90475ab48c0f5efe" FOREIGN KEY ("sha256") REFERENCES "attachment_blobs"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_e25812e3fd9b3f3edf11b2c5d58" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachment_links" ADD CONSTRAINT "FK_904ada3f2a34d5d4a112c81f7f9" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachment_links" ADD CONSTRAINT "FK_566927e0fe5a8177b2e9daab852" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "playbooks" ADD CONSTRAINT "FK_611848ea5f56b55d5ba6bfa51d5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );

    // Written by hand: what entities cannot express.
    // Most uploads are compressed already (PDF, images, audio, Office zips): store them as they are.
    await queryRunner.query(
      `ALTER TABLE "attachment_blobs" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION attachments_reject_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is immutable: UPDATE is not allowed', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER attachment_blobs_immutable BEFORE UPDATE ON "attachment_blobs"
      FOR EACH ROW EXECUTE FUNCTION attachments_reject_update()`);
    await queryRunner.query(`
      CREATE TRIGGER attachments_immutable BEFORE UPDATE ON "attachments"
      FOR EACH ROW EXECUTE FUNCTION attachments_reject_update()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "attachments_immutable" ON "attachments"`);
    await queryRunner.query(`DROP TRIGGER "attachment_blobs_immutable" ON "attachment_blobs"`);
    await queryRunner.query(`DROP FUNCTION attachments_reject_update()`);
    await queryRunner.query(
      'ALTER TABLE "playbooks" DROP CONSTRAINT "FK_611848ea5f56b55d5ba6bfa51d5"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachment_links" DROP CONSTRAINT "FK_566927e0fe5a8177b2e9daab852"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachment_links" DROP CONSTRAINT "FK_904ada3f2a34d5d4a112c81f7f9"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" DROP CONSTRAINT "FK_e25812e3fd9b3f3edf11b2c5d58"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" DROP CONSTRAINT "FK_095b88cafed90475ab48c0f5efe"',
    );
    await queryRunner.query('DROP INDEX "public"."playbooks_created_idx"');
    await queryRunner.query('DROP INDEX "public"."playbooks_kind_created_idx"');
    await queryRunner.query('DROP TABLE "playbooks"');
    await queryRunner.query('DROP TABLE "attachment_links"');
    await queryRunner.query('DROP TABLE "attachments"');
    await queryRunner.query('DROP TABLE "attachment_blobs"');
  }
}
