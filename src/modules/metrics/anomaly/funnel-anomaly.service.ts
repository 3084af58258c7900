import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { Language } from '../../../core/i18n/text';
import { JobScheduler } from '../../../core/scheduling/job-scheduler';
import { SettingsService } from '../../../core/settings/settings.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { TodosService } from '../../todos/todos.service';
import { IsoWeek, lastCompleteWeek, parseIsoWeek, weeksBefore } from '../domain/iso-week';
import { funnelAnomaly, lossRatePct, roundPct } from '../domain/statistics';
import { weeksStartingIn } from '../domain/week-buckets';
import { MetricRangeQueryDto } from '../dto/metric-query.dto';
import { FunnelRepository } from '../funnel/funnel.repository';
import { checkedRange } from '../metric-range';
import { metricMessages } from '../metrics.exception';
import { AnomalyRepository } from './anomaly.repository';
import { reasonsByFrequency } from './domain/lost-reasons';
import {
  AnomalyPrecisionResponse,
  FunnelAnomalyEvaluation,
  FunnelAnomalyRunResponse,
} from './dto/anomaly.dto';

export const FUNNEL_ANOMALY_JOB = 'funnel-anomaly';
/** The closed quotes a week needs before it can breach (API.md §8). */
export const MIN_CLOSED_QUOTES = 5;
const UNKNOWN_REASON = '未填写';

/**
 * One todo per active sales director for a breaching week, made by one
 * INSERT … SELECT; the dedupe key `funnel_anomaly:<week>:<userId>` makes a
 * re-run, or a concurrent run on another replica, add nothing.
 * $1: title, $2: payload, $3: the week.
 */
const DIRECTOR_TODOS = `
  SELECT 'funnel_anomaly', u.id, NULL::uuid, $1::text, $2::jsonb, NULL::timestamptz,
    'funnel_anomaly:' || $3::text || ':' || u.id
  FROM users u
  WHERE u.active AND 'sales_director' = ANY (u.roles)`;

/**
 * The funnel anomaly job (API.md §8): a week's quote loss rate against the
 * mean and population σ of the weeks before it, org-wide (a job has no
 * caller's scope). The rule itself is `funnelAnomaly` (domain/statistics.ts).
 */
@Injectable()
export class FunnelAnomalyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FunnelAnomalyService.name);

  constructor(
    private readonly funnel: FunnelRepository,
    private readonly anomalies: AnomalyRepository,
    private readonly todos: TodosService,
    private readonly notifications: NotificationsService,
    private readonly settings: SettingsService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(FUNNEL_ANOMALY_JOB, this.config.funnelAnomalyCron, () =>
      this.evaluate(),
    );
  }

  /** On demand: waits for a run in progress (of any replica), then evaluates `week` (default: the last complete one). */
  run(week?: string): Promise<FunnelAnomalyRunResponse> {
    return this.scheduler.runNow(FUNNEL_ANOMALY_JOB, () =>
      this.evaluate(week === undefined ? undefined : parseIsoWeek(week)!),
    );
  }

  /** The evaluation itself; the caller holds the job's lock, in the current transaction. */
  private async evaluate(requested?: IsoWeek): Promise<FunnelAnomalyRunResponse> {
    const {
      timezone,
      funnelAnomalyWindowWeeks: windowWeeks,
      funnelAnomalySigmaMultiplier: sigmaMultiplier,
    } = await this.settings.get();
    const week = requested ?? lastCompleteWeek(new Date(), timezone);
    const window = weeksBefore(week, windowWeeks);
    const rows = await this.funnel.closedByWeek([...window, week].map((w) => w.from));
    const current = rows[rows.length - 1];
    const result = funnelAnomaly({
      week: current,
      previous: rows.slice(0, -1),
      sigmaMultiplier,
      windowWeeks,
      minClosed: MIN_CLOSED_QUOTES,
    });
    const evaluation: FunnelAnomalyEvaluation = {
      week: week.week,
      from: current.startsAt.toISOString(),
      to: current.endsAt.toISOString(),
      breach: result.breach,
      reason: result.reason,
      lossRatePct: result.lossRatePct,
      meanPct: result.meanPct,
      sigmaPct: result.sigmaPct,
      thresholdPct: result.thresholdPct,
      closed: result.closed,
      won: current.won,
      lost: current.lost,
      baselineWeeks: result.baselineWeeks,
      windowWeeks,
      sigmaMultiplier,
      minClosed: MIN_CLOSED_QUOTES,
      baseline: rows.slice(0, -1).map((row, i) => {
        const rate = lossRatePct(row);
        return {
          week: window[i].week,
          won: row.won,
          lost: row.lost,
          lossRatePct: rate === null ? null : roundPct(rate),
        };
      }),
    };
    const todosCreated = result.breach ? await this.alertDirectors(week, evaluation) : 0;
    this.logger.log(
      { week: week.week, breach: result.breach, reason: result.reason, todosCreated },
      'Funnel anomaly evaluated',
    );
    return { ...evaluation, todosCreated };
  }

  /** The breach's todos, with the week's lost quotes and their reasons by frequency. */
  private async alertDirectors(
    week: IsoWeek,
    evaluation: FunnelAnomalyEvaluation,
  ): Promise<number> {
    const lost = await this.funnel.lostIn(week.from);
    const payload = {
      ...evaluation,
      lostQuotes: lost.map((quote) => ({ ...quote, lostAt: quote.lostAt.toISOString() })),
      reasons: reasonsByFrequency(
        lost.map((quote) => quote.reason),
        UNKNOWN_REASON,
      ),
    };
    const title =
      `漏斗异常：${evaluation.week} 报价输单率 ${evaluation.lossRatePct}%，` +
      `高于阈值 ${evaluation.thresholdPct}%（均值 ${evaluation.meanPct}% + ${evaluation.sigmaMultiplier}σ），请排查丢单原因`;
    const created = await this.todos.createFromSelect(DIRECTOR_TODOS, [
      title,
      payload,
      evaluation.week,
    ]);
    // Only the run that told someone publishes: a re-run that finds every todo made says nothing.
    if (created > 0)
      await this.notifications.publish('funnel_anomaly.flagged', { title, ...payload });
    return created;
  }

  /** GET /metrics/anomaly-precision: how many of the range's anomalies their recipients confirmed. */
  async precision(
    query: MetricRangeQueryDto,
    language: Language,
  ): Promise<AnomalyPrecisionResponse> {
    const weeks = weeksStartingIn(checkedRange(query)).map((week) => week.week);
    const { flagged, confirmed, falseAlarms } = await this.anomalies.precision(weeks);
    const judged = confirmed + falseAlarms;
    return {
      flagged,
      confirmed,
      falseAlarms,
      precisionPct: judged === 0 ? null : roundPct((confirmed * 100) / judged),
      definition: metricMessages.precisionDefinition[language],
    };
  }
}
