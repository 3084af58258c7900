import { MigrationInterface, QueryRunner } from 'typeorm';

/** Org units can now be changed (PATCH /org-units/:id), so they carry a version for If-Match. */
export class AddOrgUnitVersion1796545007523 implements MigrationInterface {
  name = 'AddOrgUnitVersion1796545007523';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_units" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_units" DROP COLUMN "version"`);
  }
}
