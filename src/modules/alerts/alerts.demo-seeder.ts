import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoPrincipals } from '../../core/seed/demo-principals';
import { DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertRulesService } from './alert-rules.service';
import { CreateAlertRuleDto } from './dto/alert-rule.dto';

const AUTHOR = 'chen.director';

/** The chain's rule, with the playbooks demo's store script pack (PlaybooksDemoSeeder). */
const RULES: CreateAlertRuleDto[] = [
  {
    name: '门店周复购率低于65%',
    metric: 'repurchase_rate',
    scope: 'store',
    comparator: 'lt',
    threshold: 65,
    notifyRoles: ['store_manager'],
    ccRoles: ['ops_director'],
  },
  {
    name: '团队首响达标率低于89%',
    metric: 'first_response_within_target_pct',
    scope: 'team',
    comparator: 'lt',
    threshold: 89,
    notifyRoles: ['supervisor'],
    ccRoles: ['sales_director'],
  },
];

/**
 * Two alert rules written by the sales director, then last week evaluated, so
 * that the repurchase demo's store under 65 % (RepurchaseDemoSeeder) has its
 * `alert` todo and the ops director its notification. Idempotent: a rule
 * whose name exists is skipped, and the evaluation records each breach once.
 */
@Injectable()
@DemoSeederOrder(90)
export class AlertsDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('AlertsDemoSeeder');

  constructor(
    private readonly tx: TransactionHost,
    private readonly rules: AlertRulesService,
    private readonly evaluation: AlertEvaluationService,
  ) {}

  async seed(): Promise<void> {
    const author = (await demoPrincipals(this.tx, [AUTHOR])).get(AUTHOR);
    if (!author) return;
    const playbookId = await this.storePlaybook();
    for (const rule of RULES) {
      const [existing] = await this.tx.query('SELECT 1 FROM alert_rules WHERE name = $1', [
        rule.name,
      ]);
      if (existing) continue;
      await this.rules.create(author, { ...rule, playbookId });
    }
    const result = await this.evaluation.evaluate();
    this.logger.log(result, 'Evaluated the demo alert rules for last week');
  }

  /** The demo's first script pack, if the playbooks demo wrote one. */
  private async storePlaybook(): Promise<string | null> {
    const [row] = await this.tx.query<{ id: string }>(
      `SELECT id FROM playbooks WHERE kind = 'script_pack' ORDER BY created_at, id LIMIT 1`,
    );
    return row?.id ?? null;
  }
}
