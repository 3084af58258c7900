import { MigrationInterface, QueryRunner } from 'typeorm';

/** One customer's signals by time: the journey and the likely buyers' last interaction. */
export class IndexSignalsByCustomer1796626891473 implements MigrationInterface {
  name = 'IndexSignalsByCustomer1796626891473';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "signals_customer_at_idx" ON "signals"  ("customer_id", "at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."signals_customer_at_idx"');
  }
}
