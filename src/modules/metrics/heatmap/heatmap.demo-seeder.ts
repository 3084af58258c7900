import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoPrincipals } from '../../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';
import { OrdersService } from '../../contracts/orders.service';

const DAY_MS = 86_400_000;
const REPORTER = 'erp.bridge';

/**
 * B2b orders over the last 4 weeks for the reps' industrial customers
 * (CustomersDemoSeeder's b2b indexes, none another seeder orders for; the
 * owner is OWNERS[index % 7]), so that reps and teams differ on the heatmap
 * beside the rebate seeder's large orders (wang.rep's and zhao.rep's). The
 * bakery store orders come from ContractsDemoSeeder and RepurchaseDemoSeeder.
 */
export const DEMO_REP_ORDERS: { customer: number; amount: string; daysAgo: number }[] = [
  { customer: 42, amount: '48600.00', daysAgo: 25 }, // wang.rep
  { customer: 70, amount: '36200.00', daysAgo: 16 }, // wang.rep
  { customer: 58, amount: '18800.00', daysAgo: 20 }, // liu.rep
  { customer: 65, amount: '9600.00', daysAgo: 9 }, // liu.rep
  { customer: 43, amount: '6800.00', daysAgo: 12 }, // zhao.rep
];

/** Idempotent: a customer with orders is skipped. */
@Injectable()
@DemoSeederOrder(80)
export class HeatmapDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly orders: OrdersService,
  ) {}

  async seed(): Promise<void> {
    const reporter = (await demoPrincipals(this.tx, [REPORTER])).get(REPORTER);
    if (!reporter) return;
    for (const { customer, amount, daysAgo } of DEMO_REP_ORDERS) {
      const customerId = demoId('customer', String(customer));
      const [existing] = await this.tx.query(
        'SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1',
        [customerId],
      );
      if (existing) continue;
      const orderedAt = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
      await this.orders.create(reporter, { customerId, amount, orderedAt });
    }
  }
}
