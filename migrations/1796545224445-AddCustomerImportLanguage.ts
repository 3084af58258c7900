import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCustomerImportLanguage1796545224445 implements MigrationInterface {
  name = 'AddCustomerImportLanguage1796545224445';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "customer_imports" ADD "language" text NOT NULL DEFAULT \'en\'',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "customer_imports" DROP COLUMN "language"');
  }
}
