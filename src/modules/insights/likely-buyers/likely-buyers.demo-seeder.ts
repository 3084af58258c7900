import { Injectable } from '@nestjs/common';
import { Principal } from '../../../core/auth/principal';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoPrincipals } from '../../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';
import { wallClockDay } from '../../../core/time/wall-clock';
import { OrdersService } from '../../contracts/orders.service';

const REPORTER = 'erp.bridge';
const DAY_MS = 86_400_000;
/** How far back each history goes. */
const HISTORY_DAYS = 120;

/**
 * A buying habit: the gaps between orders, newest first, repeated back to HISTORY_DAYS, and
 * how many days ago the last order was.
 */
interface Habit {
  lastDaysAgo: number;
  gaps: number[];
}

/**
 * wang.rep's industrial customers (CustomersDemoSeeder's indexes 0 mod 7, b2b kinds), each with
 * a habit: steady fortnightly and monthly buyers due within the week or later, a weekly one,
 * two irregular ones, one gone quiet and one with a single order. So wang.rep's likely buyers
 * are worth a look, and the backtest has cycles to find: most recent is rarely next.
 */
const HABITS: Record<number, Habit> = {
  154: { lastDaysAgo: 11, gaps: [14] }, // due in 3 days
  161: { lastDaysAgo: 9, gaps: [14] }, // due in 5 days
  168: { lastDaysAgo: 26, gaps: [30, 28, 32] }, // monthly, due in about 4 days
  175: { lastDaysAgo: 3, gaps: [7] }, // weekly
  196: { lastDaysAgo: 10, gaps: [5, 31, 12, 40, 8, 26] }, // irregular
  203: { lastDaysAgo: 2, gaps: [14] }, // just bought: due in 12 days
  210: { lastDaysAgo: 20, gaps: [21] }, // due tomorrow
  217: { lastDaysAgo: 70, gaps: [14] }, // a fortnightly buyer gone quiet
  238: { lastDaysAgo: 5, gaps: [30] }, // monthly, just bought
  245: { lastDaysAgo: 30, gaps: [9, 44, 17, 3, 35] }, // irregular
  252: { lastDaysAgo: 13, gaps: [14, 13, 15] }, // due tomorrow, give or take
  259: { lastDaysAgo: 20, gaps: [] }, // one order so far
};

/** The days ago of a habit's orders, newest first. */
export function orderDaysAgo({ lastDaysAgo, gaps }: Habit): number[] {
  const days = [lastDaysAgo];
  for (let i = 0; gaps.length && days.at(-1)! + gaps[i % gaps.length] <= HISTORY_DAYS; i++) {
    days.push(days.at(-1)! + gaps[i % gaps.length]);
  }
  return days;
}

/**
 * Order histories for the likely-buyers ranking and its backtest (docs/insights.md#demo-data),
 * reported through OrdersService by the ERP integration account, dated back from the day of
 * seeding. Idempotent: a customer with orders is skipped.
 */
@Injectable()
@DemoSeederOrder(85)
export class LikelyBuyersDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly orders: OrdersService,
  ) {}

  async seed(): Promise<void> {
    const reporter = (await demoPrincipals(this.tx, [REPORTER])).get(REPORTER);
    if (!reporter) return;
    for (const [index, habit] of Object.entries(HABITS)) {
      await this.history(reporter, demoId('customer', index), Number(index), habit);
    }
  }

  private async history(
    reporter: Principal,
    customerId: string,
    index: number,
    habit: Habit,
  ): Promise<void> {
    const [existing] = await this.tx.query('SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1', [
      customerId,
    ]);
    if (existing) return;
    for (const [n, daysAgo] of orderDaysAgo(habit).entries()) {
      // The demo organisation keeps the default zone, Asia/Shanghai (+08:00 below).
      const day = wallClockDay(new Date(Date.now() - daysAgo * DAY_MS), 'Asia/Shanghai');
      await this.orders.create(reporter, {
        customerId,
        amount: `${2000 + ((index * 37 + n * 113) % 9000)}.00`,
        orderedAt: `${day}T10:30:00+08:00`,
      });
    }
  }
}
