import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { JobScheduler } from '../../core/scheduling/job-scheduler';
import { SettingsService } from '../../core/settings/settings.service';
import { PlaybooksService, PlaybookSummary } from '../playbooks/playbooks.service';
import { TodosService } from '../todos/todos.service';
import { ruleWindows } from './domain/windows';
import { EvaluationResponse } from './dto/trigger-rule.dto';
import {
  triggeredTodosSelect,
  TriggerRuleRow,
  TriggerRulesRepository,
} from './trigger-rules.repository';

export const TRIGGER_EVALUATION_JOB = 'trigger-rule-evaluation';
/** A pushed playbook is worth acting on within a day. */
const TODO_DUE_HOURS = 24;

/**
 * Turns grown signals into `trigger_playbook` todos: on TRIGGER_EVALUATION_CRON
 * (every 15 minutes by default) once across replicas, and on demand.
 */
@Injectable()
export class TriggerEvaluationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TriggerEvaluationService.name);

  constructor(
    private readonly rules: TriggerRulesRepository,
    private readonly playbooks: PlaybooksService,
    private readonly todos: TodosService,
    private readonly settings: SettingsService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(TRIGGER_EVALUATION_JOB, this.config.triggerEvaluationCron, () =>
      this.evaluateAll(),
    );
  }

  /**
   * Evaluates every rule now. A run in progress (scheduled or not, on any
   * replica) is waited for, so of two concurrent runs the second finds the
   * first's todos and creates none.
   */
  evaluate(): Promise<EvaluationResponse> {
    return this.scheduler.runNow(TRIGGER_EVALUATION_JOB, () => this.evaluateAll());
  }

  /**
   * One INSERT … SELECT per rule; the todos' dedupe key makes a re-run add
   * nothing. The caller holds the job's lock, in the current transaction.
   */
  private async evaluateAll(): Promise<EvaluationResponse> {
    const started = Date.now();
    const now = new Date(started);
    const rules = await this.rules.all();
    const playbooks = await this.playbookSummaries(rules);
    const { timezone } = await this.settings.get();
    const dueAt = new Date(started + TODO_DUE_HOURS * 3_600_000);
    let created = 0;
    for (const rule of rules) {
      const { select, params } = triggeredTodosSelect({
        rule,
        // The foreign key keeps a rule's playbook from being deleted.
        playbook: playbooks.get(rule.playbookId)!,
        windows: ruleWindows(now, rule.windowDays, timezone),
        dueAt,
      });
      created += await this.todos.createFromSelect(select, params);
    }
    this.logger.log(
      { rules: rules.length, created, ms: Date.now() - started },
      'Trigger rules evaluated',
    );
    return { rules: rules.length, created };
  }

  private async playbookSummaries(rules: TriggerRuleRow[]): Promise<Map<string, PlaybookSummary>> {
    const ids = [...new Set(rules.map((rule) => rule.playbookId))];
    const summaries = await this.playbooks.summaries(ids);
    return new Map(summaries.map((summary) => [summary.id, summary]));
  }
}
