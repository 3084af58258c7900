import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inquiries (API.md §8): customers' inbound inquiries, never updated. Indexed by
 * received_at for the first-response metric's range scan and the list, and by
 * customer for one customer's inquiries.
 */
export class CreateInquiries1796589671885 implements MigrationInterface {
  name = 'CreateInquiries1796589671885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inquiries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "channel" text NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "content" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ceacaa439988b25eb9459e694d9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "inquiries_customer_received_idx" ON "inquiries"  ("customer_id", "received_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "inquiries_received_idx" ON "inquiries"  ("received_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "inquiries" ADD CONSTRAINT "FK_688ada8378e9fd4f6381207792c" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "inquiries" ADD CONSTRAINT "FK_bf286e3ea13c77b253a8857981c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "inquiries" DROP CONSTRAINT "FK_bf286e3ea13c77b253a8857981c"',
    );
    await queryRunner.query(
      'ALTER TABLE "inquiries" DROP CONSTRAINT "FK_688ada8378e9fd4f6381207792c"',
    );
    await queryRunner.query('DROP INDEX "public"."inquiries_received_idx"');
    await queryRunner.query('DROP INDEX "public"."inquiries_customer_received_idx"');
    await queryRunner.query('DROP TABLE "inquiries"');
  }
}
