import { Injectable } from '@nestjs/common';
import { Principal } from '../../../core/auth/principal';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoPrincipals } from '../../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';
import { OrdersService } from '../../contracts/orders.service';
import { wallClockDay } from '../../../core/time/wall-clock';
import { isoWeekOf, weeksBefore } from '../domain/iso-week';

/** How many complete weeks of weekly store orders, before this week. */
export const DEMO_WEEKS = 8;
const REPORTER = 'erp.bridge';

/**
 * The bakery stores' regulars (CustomersDemoSeeder's owned b2c indexes, none
 * of ContractsDemoSeeder's store buyers), and the weeks each skips:
 * 西湖烘焙店's 20 regulars each skip one week in ten, so 18 of 20 reorder in
 * any week (90 %, and above 65 % even with the contracts seeder's buyers in
 * its base); 滨江烘焙店's 10 buy every other week, 5 of 10 (50 %).
 */
export const DEMO_STORES = [
  {
    store: '西湖烘焙店',
    customers: 20,
    first: 0,
    buys: (j: number, w: number) => (j + w) % 10 !== 0,
  },
  {
    store: '滨江烘焙店',
    customers: 10,
    first: 20,
    buys: (j: number, w: number) => (j + w) % 2 === 0,
  },
];

/** Owned (index % 7 < 5) b2c (index % 6 is 2 or 3) demo customers from index 30 on. */
export function demoRegulars(count: number): number[] {
  const result: number[] = [];
  for (let index = 30; result.length < count; index++) {
    if (index % 7 < 5 && (index % 6 === 2 || index % 6 === 3)) result.push(index);
  }
  return result;
}

/**
 * Weekly reorders at the two bakery stores over the last 8 complete weeks
 * (Asia/Shanghai, the default zone), reported through OrdersService by the
 * ERP integration account, so that the repurchase rate of any recent week
 * has 西湖烘焙店 above 65 % and 滨江烘焙店 below. Idempotent: a regular with
 * orders is skipped.
 */
@Injectable()
@DemoSeederOrder(80)
export class RepurchaseDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly orders: OrdersService,
  ) {}

  async seed(): Promise<void> {
    const reporter = (await demoPrincipals(this.tx, [REPORTER])).get(REPORTER);
    if (!reporter) return;
    // The demo organisation keeps the default zone, Asia/Shanghai (+08:00 below).
    const today = wallClockDay(new Date(), 'Asia/Shanghai');
    const weeks = weeksBefore(isoWeekOf(today), DEMO_WEEKS);
    const regulars = demoRegulars(30);
    for (const { store, customers, first, buys } of DEMO_STORES) {
      for (let j = 0; j < customers; j++) {
        const index = regulars[first + j];
        await this.reorders(reporter, demoId('org_unit', store), index, (w) => buys(j, w), weeks);
      }
    }
  }

  private async reorders(
    reporter: Principal,
    storeId: string,
    index: number,
    buys: (week: number) => boolean,
    weeks: { from: string }[],
  ): Promise<void> {
    const customerId = demoId('customer', String(index));
    const [existing] = await this.tx.query('SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1', [
      customerId,
    ]);
    if (existing) return;
    for (const [w, week] of weeks.entries()) {
      if (!buys(w)) continue;
      // A weekday of the week, Tuesday to Saturday, at a shop's hour.
      const day = new Date(Date.parse(week.from) + (1 + ((index + w) % 5)) * 86_400_000);
      await this.orders.create(reporter, {
        customerId,
        storeId,
        amount: `${120 + ((index * 53 + w * 71) % 480)}.00`,
        orderedAt: `${day.toISOString().slice(0, 10)}T${10 + (index % 9)}:30:00+08:00`,
      });
    }
  }
}
