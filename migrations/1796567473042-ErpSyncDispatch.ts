import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatcher's columns: the ERP order number on the contract, and the
 * connection a sync job is bound to at its first attempt.
 */
export class ErpSyncDispatch1796567473042 implements MigrationInterface {
  name = 'ErpSyncDispatch1796567473042';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "contracts" ADD "erp_order_no" text');
    await queryRunner.query('ALTER TABLE "erp_sync_jobs" ADD "connection_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "erp_sync_jobs" ADD CONSTRAINT "FK_0082fec580224b0cf599969a2fc" FOREIGN KEY ("connection_id") REFERENCES "erp_connections"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "erp_sync_jobs" DROP CONSTRAINT "FK_0082fec580224b0cf599969a2fc"',
    );
    await queryRunner.query('ALTER TABLE "erp_sync_jobs" DROP COLUMN "connection_id"');
    await queryRunner.query('ALTER TABLE "contracts" DROP COLUMN "erp_order_no"');
  }
}
