import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTodoResolution1796589715013 implements MigrationInterface {
  name = 'AddTodoResolution1796589715013';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "todos" ADD "resolution" text');
    await queryRunner.query('ALTER TABLE "todos" ADD "note" text');
    await queryRunner.query(
      'CREATE INDEX "todos_funnel_anomaly_idx" ON "todos"  ("created_at") WHERE type = \'funnel_anomaly\'',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."todos_funnel_anomaly_idx"');
    await queryRunner.query('ALTER TABLE "todos" DROP COLUMN "note"');
    await queryRunner.query('ALTER TABLE "todos" DROP COLUMN "resolution"');
  }
}
