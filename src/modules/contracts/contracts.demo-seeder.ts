import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoPrincipals } from '../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { ContractsService } from './contracts.service';
import { OrdersService } from './orders.service';

const DAY_MS = 86_400_000;

/** The demo quote that QuotesDemoSeeder leaves approved for signing: customer 9's, liu.rep's. */
const SIGNED_QUOTE = { customer: 9, owner: 'liu.rep', signedDaysAgo: 3 };

/**
 * Bakery and FMCG customers (CustomersDemoSeeder's b2c indexes) buying at the
 * 西湖烘焙店 every few weeks over half a year, reported by the ERP integration
 * account: the realised sales behind briefs' `ytdPurchases` and the repurchase
 * metrics.
 */
const STORE_BUYERS = [2, 3, 8, 14, 15, 20];
const STORE_ORDER_DAYS_AGO = [170, 130, 96, 61, 33, 12];
const STORE = '西湖烘焙店';
const REPORTER = 'erp.bridge';

/**
 * One contract signed through ContractsService (its order and ERP sync job
 * come with it; the job waits for an active ERP connection: see
 * docs/erp-sync.md), and a year of store orders through OrdersService.
 * Idempotent: a quote with a contract, and a customer with orders, are skipped.
 */
@Injectable()
@DemoSeederOrder(60)
export class ContractsDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('ContractsDemoSeeder');

  constructor(
    private readonly tx: TransactionHost,
    private readonly contracts: ContractsService,
    private readonly orders: OrdersService,
  ) {}

  async seed(): Promise<void> {
    await this.signDemoQuote();
    await this.reportStoreOrders();
  }

  private async signDemoQuote(): Promise<void> {
    const owner = await this.demoUser(SIGNED_QUOTE.owner);
    const [quote] = await this.tx.query<{ id: string }>(
      `SELECT q.id FROM quotes q
       WHERE q.customer_id = $1 AND q.status = 'approved'
         AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.quote_id = q.id)
       ORDER BY q.created_at LIMIT 1`,
      [demoId('customer', String(SIGNED_QUOTE.customer))],
    );
    if (!owner || !quote) return;
    const signedAt = new Date(Date.now() - SIGNED_QUOTE.signedDaysAgo * DAY_MS).toISOString();
    const contract = await this.contracts.sign(owner, quote.id, { signedAt });
    this.logger.log(`Signed demo contract ${contract.contractNo}`);
  }

  private async reportStoreOrders(): Promise<void> {
    const reporter = await this.demoUser(REPORTER);
    if (!reporter) return;
    const storeId = demoId('org_unit', STORE);
    for (const index of STORE_BUYERS) {
      const customerId = demoId('customer', String(index));
      if (await this.hasOrders(customerId)) continue;
      for (const [i, daysAgo] of STORE_ORDER_DAYS_AGO.entries()) {
        await this.orders.create(reporter, {
          customerId,
          storeId,
          amount: `${(800 + ((index * 97 + i * 131) % 1200)).toFixed(0)}.00`,
          orderedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
        });
      }
    }
  }

  private async hasOrders(customerId: string): Promise<boolean> {
    const rows = await this.tx.query('SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1', [
      customerId,
    ]);
    return rows.length > 0;
  }

  /** A demo user as a principal, unless it was deactivated. */
  private async demoUser(username: string): Promise<Principal | undefined> {
    return (await demoPrincipals(this.tx, [username])).get(username);
  }
}
