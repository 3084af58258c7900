import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '../../core/auth/roles';
import { AppConfig } from '../../core/config/app-config';
import { JobScheduler } from '../../core/scheduling/job-scheduler';
import { SettingsService } from '../../core/settings/settings.service';
import { IsoWeek, lastCompleteWeek, parseIsoWeek } from '../metrics/domain/iso-week';
import { roundPct } from '../metrics/domain/statistics';
import { UnitMetric } from '../metrics/domain/unit-metrics';
import { UnitMetricsService, UnitMetricValue } from '../metrics/unit-metrics.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PlaybooksService, PlaybookSummary } from '../playbooks/playbooks.service';
import { TodosService } from '../todos/todos.service';
import { AlertRuleRow, AlertRulesRepository } from './alert-rules.repository';
import { alertTitle, breaches } from './domain/alert-rule';
import { AlertEvaluationResponse } from './dto/alert-rule.dto';

export const ALERT_EVALUATION_JOB = 'alert-rule-evaluation';
/** An alert is worth acting on within two working days. */
const TODO_DUE_HOURS = 48;

/** Roles that hear about a unit's breach from its region, not only from inside the unit. */
const isDirectorRole = (role: Role) => role.endsWith('_director');

/** A unit in a rule's reach, with its value for the week. */
interface MeasuredUnit extends UnitMetricValue {
  orgUnitId: string;
  name: string;
}

const NOT_MEASURED: UnitMetricValue = { value: null, detail: {} };

/** What one evaluation shares across its rules. */
interface WeekRun {
  week: IsoWeek;
  dueAt: Date;
  playbooks: Map<string, PlaybookSummary>;
  /** Each metric's values, computed once for the rules that watch it. */
  values: Map<UnitMetric, Map<string, UnitMetricValue>>;
}

/** What a breach's todo, notification and webhook carry (a type, so that it is a JSON record). */
type BreachFacts = {
  ruleId: string;
  ruleName: string;
  metric: AlertRuleRow['metric'];
  comparator: AlertRuleRow['comparator'];
  threshold: number;
  week: string;
  orgUnit: { id: string; name: string };
  value: number;
  /** The figures behind the value, e.g. base and repurchased customers. */
  detail: Record<string, number>;
  playbook: PlaybookSummary | null;
};

/**
 * Turns weekly metrics into alerts (API.md §8): on ALERT_EVALUATION_CRON
 * (Mondays at 08:00 in the organisation's zone, for the week just ended) once
 * across replicas, and on demand. Each (rule, unit, week) in breach is
 * recorded once, so re-runs and concurrent replicas send nothing twice; each
 * new breach is also published to webhooks as `alert.triggered`.
 */
@Injectable()
export class AlertEvaluationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertEvaluationService.name);

  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly metrics: UnitMetricsService,
    private readonly playbooks: PlaybooksService,
    private readonly todos: TodosService,
    private readonly notifications: NotificationsService,
    private readonly settings: SettingsService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(ALERT_EVALUATION_JOB, this.config.alertEvaluationCron, () =>
      this.evaluateWeek(),
    );
  }

  /** Evaluates every rule for `week` (default: the last complete week), after any run in progress. */
  evaluate(week?: string): Promise<AlertEvaluationResponse> {
    return this.scheduler.runNow(ALERT_EVALUATION_JOB, () => this.evaluateWeek(week));
  }

  /**
   * The caller holds the job's lock, in the current transaction. Rules that
   * watch the same metric share its computation.
   */
  private async evaluateWeek(weekName?: string): Promise<AlertEvaluationResponse> {
    const started = Date.now();
    const week = await this.weekOf(weekName);
    const rules = await this.rules.all();
    const run: WeekRun = {
      week,
      dueAt: new Date(started + TODO_DUE_HOURS * 3_600_000),
      playbooks: await this.playbookSummaries(rules),
      values: new Map(),
    };
    const result = {
      week: week.week,
      rules: rules.length,
      breaches: 0,
      todosCreated: 0,
      notificationsCreated: 0,
    };
    for (const rule of rules) {
      const facts = await this.newBreaches(rule, run);
      result.breaches += facts.length;
      result.todosCreated += await this.giveTodos(rule, facts, run.dueAt);
      result.notificationsCreated += await this.notifyCc(rule, facts);
      for (const f of facts) {
        await this.notifications.publish('alert.triggered', { title: titleOf(f), ...f });
      }
    }
    this.logger.log({ ...result, ms: Date.now() - started }, 'Alert rules evaluated');
    return result;
  }

  /** The rule's breaches this week that no earlier run recorded, recorded now. */
  private async newBreaches(rule: AlertRuleRow, run: WeekRun): Promise<BreachFacts[]> {
    const breaching = await this.breachingUnits(rule, run);
    const recorded = await this.rules.insertBreaches(
      rule.id,
      run.week.week,
      rule.threshold,
      breaching.map((unit) => ({
        orgUnitId: unit.orgUnitId,
        value: String(roundPct(unit.value!)),
      })),
    );
    const playbook = (rule.playbookId && run.playbooks.get(rule.playbookId)) || null;
    return breaching
      .filter((unit) => recorded.includes(unit.orgUnitId))
      .map((unit) => breachFacts(rule, run.week, unit, playbook));
  }

  /** The units in the rule's reach whose value this week breaches it. */
  private async breachingUnits(rule: AlertRuleRow, run: WeekRun): Promise<MeasuredUnit[]> {
    let values = run.values.get(rule.metric);
    if (!values) {
      values = await this.metrics.weekly(rule.metric, run.week);
      run.values.set(rule.metric, values);
    }
    const units = await this.rules.unitsInReach(rule.scope, rule.reachOrgUnitId);
    return units
      .map((unit) => ({ ...unit, ...(values.get(unit.orgUnitId) ?? NOT_MEASURED) }))
      .filter((unit) => breaches(unit.value, rule.comparator, rule.threshold));
  }

  private async weekOf(name: string | undefined): Promise<IsoWeek> {
    // The DTO checked the name: parseIsoWeek finds it.
    if (name !== undefined) return parseIsoWeek(name)!;
    const { timezone } = await this.settings.get();
    return lastCompleteWeek(new Date(), timezone);
  }

  /** One `alert` todo per breach and recipient of `notifyRoles`, in one statement. */
  private async giveTodos(rule: AlertRuleRow, facts: BreachFacts[], dueAt: Date): Promise<number> {
    const recipients = await this.recipientsOf(rule.notifyRoles, facts);
    if (!recipients.length) return 0;
    const todos = recipients.map(({ userId, facts: f }) => ({
      assigneeId: userId,
      title: titleOf(f),
      payload: f,
      dedupeKey: `alert:${f.ruleId}:${f.orgUnit.id}:${f.week}:${userId}`,
    }));
    return this.todos.createFromSelect(
      `SELECT 'alert', t."assigneeId", NULL::uuid, t.title, t.payload, $2::timestamptz, t."dedupeKey"
       FROM jsonb_to_recordset($1::jsonb) AS t("assigneeId" uuid, title text, payload jsonb, "dedupeKey" text)`,
      [JSON.stringify(todos), dueAt],
    );
  }

  /** One notification per breach and recipient of `ccRoles`. */
  private async notifyCc(rule: AlertRuleRow, facts: BreachFacts[]): Promise<number> {
    const recipients = await this.recipientsOf(rule.ccRoles, facts);
    let created = 0;
    for (const f of facts) {
      const userIds = recipients.filter((r) => r.facts === f).map((r) => r.userId);
      if (!userIds.length) continue;
      created += await this.notifications.notify(userIds, {
        type: 'alert',
        title: titleOf(f),
        payload: f,
        dedupeKey: `alert:${f.ruleId}:${f.orgUnit.id}:${f.week}`,
      });
    }
    return created;
  }

  private async recipientsOf(
    roles: Role[],
    facts: BreachFacts[],
  ): Promise<{ userId: string; facts: BreachFacts }[]> {
    const byUnit = new Map(facts.map((f) => [f.orgUnit.id, f]));
    const rows = await this.rules.recipients(
      [...byUnit.keys()],
      roles,
      roles.filter(isDirectorRole),
    );
    return rows.map((row) => ({ userId: row.userId, facts: byUnit.get(row.orgUnitId)! }));
  }

  private async playbookSummaries(rules: AlertRuleRow[]): Promise<Map<string, PlaybookSummary>> {
    const ids = [...new Set(rules.flatMap((rule) => (rule.playbookId ? [rule.playbookId] : [])))];
    const summaries = await this.playbooks.summaries(ids);
    return new Map(summaries.map((summary) => [summary.id, summary]));
  }
}

function breachFacts(
  rule: AlertRuleRow,
  week: IsoWeek,
  unit: MeasuredUnit,
  playbook: PlaybookSummary | null,
): BreachFacts {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: Number(rule.threshold),
    week: week.week,
    orgUnit: { id: unit.orgUnitId, name: unit.name },
    value: roundPct(unit.value!),
    detail: unit.detail,
    playbook,
  };
}

function titleOf(f: BreachFacts): string {
  return alertTitle(f.orgUnit.name, f.week, f.metric, f.value, f.comparator, String(f.threshold));
}
