import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '../../../core/auth/principal';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoPrincipals } from '../../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';
import { ContractsService } from '../../contracts/contracts.service';
import { FollowUpsService } from '../../follow-ups/follow-ups.service';
import { QuotesService } from '../../quotes/quotes.service';
import { orgDayStartSql, orgDaySql } from '../metric-range';
import { isoWeekOf, weeksBefore } from '../domain/iso-week';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SKU = 'BRG-6205-2RS';
/** Marks the demo's quotes (their note) and promises (their summary), which makes the seeder idempotent. */
const QUOTE_NOTE = '演示数据：周度赢单/输单走势';
const PROMISE_SUMMARY = '演示数据：电话确认下周到访时间，客户同意。';
const REPS = ['wang.rep', 'zhao.rep', 'liu.rep', 'xu.rep'];

/**
 * Ten weeks before the current one, oldest first, as [won, lost]: 20 % and
 * 25 % lost in turn (mean 22.5 %, σ 2.5 %, threshold 27.5 %), then a spike of
 * 5 lost out of 7 (71.43 %) in the last complete week.
 */
const WEEKS: [won: number, lost: number][] = [
  [4, 1],
  [3, 1],
  [4, 1],
  [3, 1],
  [4, 1],
  [3, 1],
  [4, 1],
  [3, 1],
  [4, 1],
  [2, 5],
];
const REASONS = [
  '客户选择了竞品，价格低 8 %',
  '交期无法满足，客户急需现货',
  '客户预算冻结，项目延期',
];
/** The spike's reasons: mostly price, the root cause the director should find. */
const SPIKE_REASONS = [REASONS[0], REASONS[0], REASONS[0], REASONS[1], REASONS[2]];

/**
 * The funnel anomaly's demo (docs/metrics.md): ten weeks of quotes won and
 * lost by the demo reps, with a loss spike in the last complete week that
 * `POST /jobs/funnel-anomaly/run` flags; and follow-up promises kept early,
 * kept late (missed) and not kept, for the compliance metric. Written through
 * QuotesService, ContractsService and FollowUpsService as the reps, at list
 * price (no approval chain). Idempotent: a demo quote or promise present means
 * that part is done.
 */
@Injectable()
@DemoSeederOrder(80)
export class FunnelAnomalyDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('FunnelAnomalyDemoSeeder');

  constructor(
    private readonly tx: TransactionHost,
    private readonly quotes: QuotesService,
    private readonly contracts: ContractsService,
    private readonly followUps: FollowUpsService,
  ) {}

  async seed(): Promise<void> {
    const reps = await demoPrincipals(this.tx, REPS);
    const customers = await this.repCustomers();
    if (!customers.length) return;
    await this.seedQuotes(reps, customers);
    await this.seedPromises(reps, customers);
  }

  /** Demo customers 200–259 that a demo rep owns. */
  private repCustomers(): Promise<{ id: string; ownerUsername: string }[]> {
    return this.tx.query(
      `SELECT c.id, u.username AS "ownerUsername"
       FROM customers c JOIN users u ON u.id = c.owner_id
       WHERE c.id = ANY ($1::uuid[]) AND u.username = ANY ($2::text[]) ORDER BY c.name`,
      [Array.from({ length: 60 }, (_, i) => demoId('customer', String(200 + i))), REPS],
    );
  }

  private async seedQuotes(
    reps: Map<string, Principal>,
    customers: { id: string; ownerUsername: string }[],
  ): Promise<void> {
    const [done] = await this.tx.query('SELECT 1 FROM quote_versions WHERE note = $1 LIMIT 1', [
      QUOTE_NOTE,
    ]);
    const [product] = await this.tx.query<{ id: string; listPrice: string }>(
      `SELECT id, list_price::text AS "listPrice" FROM products WHERE sku = $1`,
      [SKU],
    );
    if (done || !product) return;
    const mondays = await this.weekStarts();
    let next = 0;
    for (const [week, [won, lost]] of WEEKS.entries()) {
      const spike = week === WEEKS.length - 1;
      for (let i = 0; i < won + lost; i++) {
        const customer = customers[next++ % customers.length];
        const owner = reps.get(customer.ownerUsername);
        if (!owner) continue;
        // Tuesday to Friday, during the day.
        const at = new Date(mondays[week] + (1 + (i % 4)) * DAY_MS + (2 + i) * HOUR_MS);
        const quote = await this.quotes.create(
          owner,
          {
            customerId: customer.id,
            lines: [{ productId: product.id, qty: 20 + 10 * i, unitPrice: product.listPrice }],
            note: QUOTE_NOTE,
          },
          'zh',
        );
        if (i < won) {
          await this.quotes.submit(owner, quote.id, 'zh');
          await this.contracts.sign(owner, quote.id, { signedAt: at.toISOString() });
        } else {
          const reasons = spike ? SPIKE_REASONS : REASONS;
          const reason = reasons[(i - won + week) % reasons.length];
          await this.quotes.lose(owner, quote.id, { reason, at: at.toISOString() }, 'zh');
        }
      }
    }
    this.logger.log('Wrote ten weeks of demo quote outcomes, with a loss spike last week');
  }

  /**
   * Three weeks ago, a promise for each of 18 customers to touch them 4 days
   * later: a third kept a day early, a third kept 3 days late (past the grace:
   * missed), a third never kept.
   */
  private async seedPromises(
    reps: Map<string, Principal>,
    customers: { id: string; ownerUsername: string }[],
  ): Promise<void> {
    const [done] = await this.tx.query('SELECT 1 FROM follow_ups WHERE summary = $1 LIMIT 1', [
      PROMISE_SUMMARY,
    ]);
    if (done) return;
    const start = Date.now() - 21 * DAY_MS;
    for (const [i, customer] of customers.slice(0, 18).entries()) {
      const owner = reps.get(customer.ownerUsername);
      if (!owner) continue;
      const promisedAt = start + i * HOUR_MS;
      const dueAt = promisedAt + 4 * DAY_MS;
      await this.followUps.create(owner, customer.id, {
        channel: 'wechat',
        occurredAt: new Date(promisedAt).toISOString(),
        summary: PROMISE_SUMMARY,
        nextTouchAt: new Date(dueAt).toISOString(),
      });
      if (i % 3 === 2) continue;
      const touchedAt = i % 3 === 0 ? dueAt - DAY_MS : dueAt + 3 * DAY_MS;
      await this.followUps.create(owner, customer.id, {
        channel: 'wechat',
        occurredAt: new Date(touchedAt).toISOString(),
        summary: '演示数据：微信回访，客户确认收到报价单。',
        nextTouchAt: new Date(touchedAt + 30 * DAY_MS).toISOString(),
      });
    }
    this.logger.log('Wrote demo follow-up promises: kept, kept late and missed');
  }

  /** The Mondays 00:00 (organisation's zone, as epoch ms) of the ten weeks before this one, oldest first. */
  private async weekStarts(): Promise<number[]> {
    const [{ today }] = await this.tx.query<{ today: string }>(
      `SELECT to_char(${orgDaySql('now()')}, 'YYYY-MM-DD') AS today`,
    );
    const days = weeksBefore(isoWeekOf(today), WEEKS.length).map((week) => week.from);
    const rows = await this.tx.query<{ at: Date }>(
      `SELECT ${orgDayStartSql('d')} AS at FROM unnest($1::date[]) WITH ORDINALITY AS t(d, n) ORDER BY n`,
      [days],
    );
    return rows.map((row) => row.at.getTime());
  }
}
