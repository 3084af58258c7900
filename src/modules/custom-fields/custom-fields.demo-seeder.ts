import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';

/** The bakery chain's store-visit question; the follow-ups seeder (40) fills it in. */
export const TASTING_FEEDBACK = {
  key: 'tasting_feedback',
  label: '试吃反馈',
  options: ['满意', '一般', '需改进'],
} as const;

/**
 * The bakery chain's follow-up field 试吃反馈 (satisfied / average / needs
 * work), seeded before the follow-ups so that their store visits can carry it.
 */
@Injectable()
@DemoSeederOrder(35)
export class CustomFieldsDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    await this.tx.query(
      `INSERT INTO custom_fields (id, entity, key, label, type, options, required)
       VALUES ($1, 'follow_up', $2, $3, 'select', $4::text[], false)
       ON CONFLICT DO NOTHING`,
      [
        demoId('custom_field', TASTING_FEEDBACK.key),
        TASTING_FEEDBACK.key,
        TASTING_FEEDBACK.label,
        [...TASTING_FEEDBACK.options],
      ],
    );
  }
}
