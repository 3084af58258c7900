import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropTodoCustomerForeignKey1795903770985 implements MigrationInterface {
  name = 'DropTodoCustomerForeignKey1795903770985';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "todos" DROP CONSTRAINT "FK_2f1b85375d83defa0970b9b902e"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "todos" ADD CONSTRAINT "FK_2f1b85375d83defa0970b9b902e" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
