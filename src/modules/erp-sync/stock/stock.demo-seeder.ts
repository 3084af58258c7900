import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';

export const DEMO_STOCK_SOURCE = '金蝶云星空（演示）';

/** [sku, quantity, minutes since the ERP reported it]. Two pulls: a recent one and a stale day-old one. */
const LEVELS: [string, string, number][] = [
  ['BRG-6205-2RS', '1860', 12],
  ['BRG-6206-ZZ', '942', 12],
  ['BRG-30210', '75', 12],
  ['VLV-Q41F-16P-DN50', '18', 12],
  ['VLV-D71X-16-DN100', '6', 12],
  ['SEL-OR-NBR-50X3', '12500', 12],
  ['SEL-PKG-PTFE-10', '36.5', 12],
  ['VLV-Z41H-16C-DN150', '2', 26 * 60],
  ['SEL-MS-560-35', '0', 26 * 60],
];

/**
 * Stock for part of the demo library, as if pulled from a K3 Cloud: the rest
 * shows "never pulled". Inserted once; a real pull overwrites it.
 */
@Injectable()
@DemoSeederOrder(60)
export class StockDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const rows = LEVELS.map(([sku, quantity, minutesAgo]) => ({
      product_id: demoId('product', sku),
      quantity,
      minutes_ago: minutesAgo,
    }));
    await this.tx.query(
      `INSERT INTO product_stock (product_id, quantity, synced_at, source, erp_kind)
       SELECT r.product_id, r.quantity, now() - make_interval(mins => r.minutes_ago), $2, 'k3cloud'
       FROM jsonb_to_recordset($1::jsonb) AS r(product_id uuid, quantity numeric, minutes_ago int)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows), DEMO_STOCK_SOURCE],
    );
  }
}
