import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoPrincipals } from '../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { SettingsService } from '../../core/settings/settings.service';
import { OrdersService } from '../contracts/orders.service';
import { CreateRebatePolicyDto } from './dto/rebate-policy.dto';
import { RebatePoliciesService } from './rebate-policies.service';

const DAY_MS = 86_400_000;
const AUTHOR = 'zheng.finance';
const REPORTER = 'erp.bridge';

/** This year's two policies, one of each method, for the two segments (docs/rebates.md). */
const policies = (year: number): CreateRebatePolicyDto[] => [
  {
    name: `${year} 年度工业客户采购返点（超额累进）`,
    basis: 'annual_purchase',
    method: 'progressive',
    tiers: [
      { threshold: '0.00', ratePct: 1 },
      { threshold: '2000000.00', ratePct: 1.5 },
      { threshold: '5000000.00', ratePct: 3 },
    ],
    capAmount: '300000.00',
    segments: ['b2b'],
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
  },
  {
    name: `${year} 年度门店客户进货返点（全额累进）`,
    basis: 'annual_purchase',
    method: 'flat_tier',
    tiers: [
      { threshold: '5000.00', ratePct: 1 },
      { threshold: '20000.00', ratePct: 2 },
      { threshold: '50000.00', ratePct: 3 },
    ],
    segments: ['b2c'],
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
  },
];

/**
 * Industrial customers (CustomersDemoSeeder's b2b indexes) whose ERP orders
 * this year sit around the tiers, so a what-if crosses one: customer 0 at
 * 1,850,000 (a 200,000 order takes it past 2,000,000), customer 1 at 460,000,
 * customer 4 at 5,200,000 (in the top tier).
 */
const BUYERS: { customer: number; amounts: string[] }[] = [
  { customer: 0, amounts: ['620000.00', '730000.00', '500000.00'] },
  { customer: 1, amounts: ['180000.00', '280000.00'] },
  { customer: 4, amounts: ['1800000.00', '2100000.00', '1300000.00'] },
];

/**
 * Two rebate policies written through RebatePoliciesService by the finance BP,
 * and ERP orders this year for three industrial customers through
 * OrdersService. Idempotent: a policy whose name exists, and a customer with
 * orders, are skipped.
 */
@Injectable()
@DemoSeederOrder(70)
export class RebatesDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('RebatesDemoSeeder');

  constructor(
    private readonly tx: TransactionHost,
    private readonly policies: RebatePoliciesService,
    private readonly orders: OrdersService,
    private readonly settings: SettingsService,
  ) {}

  async seed(): Promise<void> {
    const people = await demoPrincipals(this.tx, [AUTHOR, REPORTER]);
    const author = people.get(AUTHOR);
    const reporter = people.get(REPORTER);
    if (author) await this.writePolicies(author);
    if (reporter) await this.reportOrders(reporter);
  }

  private async writePolicies(author: Principal): Promise<void> {
    for (const policy of policies((await this.today()).year)) {
      const [existing] = await this.tx.query('SELECT 1 FROM rebate_policies WHERE name = $1', [
        policy.name,
      ]);
      if (existing) continue;
      await this.policies.create(author, policy);
      this.logger.log(`Wrote demo rebate policy ${policy.name}`);
    }
  }

  /** Spread over this year so far, the last a week ago (all on 1 January early in January). */
  private async reportOrders(reporter: Principal): Promise<void> {
    const { daysSoFar } = await this.today();
    const spread = Math.max(daysSoFar - 7, 0);
    for (const { customer, amounts } of BUYERS) {
      const customerId = demoId('customer', String(customer));
      const [hasOrders] = await this.tx.query('SELECT 1 FROM orders WHERE customer_id = $1', [
        customerId,
      ]);
      if (hasOrders) continue;
      for (const [i, amount] of amounts.entries()) {
        const later = Math.floor((spread * (amounts.length - 1 - i)) / amounts.length);
        const daysAgo = Math.min(daysSoFar, 7 + later);
        await this.orders.create(reporter, {
          customerId,
          amount,
          orderedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
        });
      }
    }
  }

  /** This year, and the whole days since its 1 January, in the organisation's time zone. */
  private async today(): Promise<{ year: number; daysSoFar: number }> {
    const { timezone } = await this.settings.get();
    const [today] = await this.tx.query<{ year: number; daysSoFar: number }>(
      `SELECT extract(year FROM local)::int AS year,
         local::date - date_trunc('year', local)::date AS "daysSoFar"
       FROM (SELECT now() AT TIME ZONE $1 AS local) t`,
      [timezone],
    );
    return today;
  }
}
