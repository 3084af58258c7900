import { Injectable } from '@nestjs/common';
import { DataScope } from '../../core/auth/data-scope/data-scope';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { ReceivedSignal } from './domain/signal-batch';
import { SignalType } from './signal.entity';
import { SignalsService } from './signals.service';
import { TriggerEvaluationService } from './trigger-evaluation.service';

/** The first demo customers (see CustomersDemoSeeder); about five in seven have an owner. */
const DEMO_CUSTOMERS = 120;
const HOUR_MS = 3_600_000;

const RULES = [
  {
    key: 'web-visit-surge',
    name: '网站访问 7 天增长 30%',
    signalType: 'web_visit',
    growthPct: 30,
    windowDays: 7,
    minCount: 5,
    playbook: 'valve-price-objection',
    // li.supervisor's rule: it reaches the customers of 杭州工业配件组 only.
    creator: 'li.supervisor',
    reach: {
      all: false,
      grants: [{ kind: 'supervisor_chain', userId: demoId('user', 'li.supervisor') }],
    },
  },
  {
    key: 'store-visit-wakeup',
    name: '到店 14 天增长 50%',
    signalType: 'store_visit',
    growthPct: 50,
    windowDays: 14,
    minCount: 3,
    playbook: 'bakery-repurchase-wakeup',
    creator: 'chen.director',
    reach: { all: true },
  },
] satisfies {
  key: string;
  name: string;
  signalType: SignalType;
  growthPct: number;
  windowDays: number;
  minCount: number;
  playbook: string;
  creator: string;
  reach: DataScope;
}[];

/**
 * Four weeks of signals for the first demo customers: steady website visits
 * for most, a doubling in the last week for every third, first visits this
 * week for a few; store visits that double for some. The rules are created
 * with fixed ids; the signals come with them, once, and are evaluated at once
 * so the demo reps find their trigger_playbook todos.
 */
@Injectable()
@DemoSeederOrder(40)
export class SignalsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signals: SignalsService,
    private readonly evaluation: TriggerEvaluationService,
  ) {}

  async seed(): Promise<void> {
    if (!(await this.insertRules())) return;
    await this.signals.ingest(demoSignals(new Date()));
    await this.evaluation.evaluate();
  }

  /** Returns how many rules were new: none means this seeding ran before. */
  private async insertRules(): Promise<number> {
    const rows = RULES.map((rule) => ({
      id: demoId('trigger-rule', rule.key),
      name: rule.name,
      signal_type: rule.signalType,
      growth_pct: rule.growthPct,
      window_days: rule.windowDays,
      min_count: rule.minCount,
      playbook_id: demoId('playbook', rule.playbook),
      reach: rule.reach,
      created_by: demoId('user', rule.creator),
    }));
    const inserted = await this.tx.query(
      `INSERT INTO trigger_rules (id, name, signal_type, growth_pct, window_days, min_count, playbook_id, reach, created_by)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, signal_type text,
         growth_pct numeric, window_days int, min_count int, playbook_id uuid, reach jsonb, created_by uuid)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }
}

function demoSignals(now: Date): ReceivedSignal[] {
  const signals: ReceivedSignal[] = [];
  for (let index = 0; index < DEMO_CUSTOMERS; index++) {
    const customerId = demoId('customer', String(index));
    const surging = index % 3 === 0;
    const newcomer = index % 10 === 7;
    const base = 1 + (index % 4);
    const signal = (type: SignalType, count: number, day: number): ReceivedSignal => ({
      customerId,
      phone: null,
      type,
      count,
      // Spread over the day, never in the future.
      at: new Date(now.getTime() - (day * 24 + 1 + (index % 20)) * HOUR_MS).toISOString(),
    });
    for (let day = 0; day < 28; day++) {
      const thisWeek = day < 7;
      if (day < 14 && (thisWeek || !newcomer))
        signals.push(signal('web_visit', surging && thisWeek ? base * 2 : base, day));
      if (day < 14 && day % 3 === 0) signals.push(signal('email_open', 1, day));
      if (index % 4 === 1 && day % 2 === 0)
        signals.push(signal('store_visit', surging && day < 14 ? 2 : 1, day));
    }
  }
  return signals;
}
