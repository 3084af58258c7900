import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { AppConfig } from '../../core/config/app-config';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { InvalidInputException, NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { JobScheduler } from '../../core/scheduling/job-scheduler';
import { SettingsService } from '../../core/settings/settings.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RunTrigger } from './domain/knowledge-base';
import { nextRunAfter } from './domain/push-schedule';
import { completionPct } from './domain/push-stats';
import {
  CreatePushDto,
  PushJobRunResponse,
  PushQueryDto,
  PushResponse,
  PushRunResponse,
  PushStatsResponse,
} from './dto/kb-push.dto';
import { FaqDrafter } from './faq-drafter';
import { KbArticlesRepository } from './kb-articles.repository';
import { KbPushesRepository, PUSH_LIST, PushRow, RunRow } from './kb-pushes.repository';
import { ArticlesNotPublishedException, knowledgeBaseMessages } from './knowledge-base.exception';

export const KB_PUSH_JOB = 'kb-pushes';

/** The notification each recipient of a run gets. */
export const KB_PUSH_NOTIFICATION = 'kb_push';

function toPushResponse(row: PushRow): PushResponse {
  return {
    id: row.id,
    cron: row.cron,
    timezone: row.timezone,
    articleIds: row.articleIds,
    source: row.source,
    audienceRoles: row.audienceRoles,
    nextRunAt: row.nextRunAt.toISOString(),
    active: row.active,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toRunResponse(run: RunRow): PushRunResponse {
  return {
    runId: run.id,
    pushId: run.pushId,
    ranAt: run.ranAt.toISOString(),
    trigger: run.trigger,
    delivered: run.delivered,
    articleIds: run.articleIds,
  };
}

/** Exactly one of `articleIds` and `source: "auto_faq"`: 400 naming both otherwise. */
function checkWhatIsSent(dto: CreatePushDto): void {
  if ((dto.articleIds === undefined) === (dto.source === undefined)) {
    const message = knowledgeBaseMessages.articlesOrAutoFaq;
    throw new InvalidInputException([
      { field: 'articleIds', message },
      { field: 'source', message },
    ]);
  }
}

/**
 * Scheduled pushes (API.md §9): a cron expression in a time zone, run by the
 * scheduler under the job's advisory lock (or at once on demand). Each run is
 * recorded with its deliveries, and sends one `kb_push` notification to every
 * active user holding an audience role.
 */
@Injectable()
export class KbPushesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(KbPushesService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly pushes: KbPushesRepository,
    private readonly articles: KbArticlesRepository,
    private readonly notifications: NotificationsService,
    private readonly faqDrafter: FaqDrafter,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(KB_PUSH_JOB, this.config.kbPushCron, () => this.runDue());
  }

  async create(principal: Principal, dto: CreatePushDto): Promise<PushResponse> {
    checkWhatIsSent(dto);
    const timezone = dto.timezone ?? (await this.settings.get()).timezone;
    return this.tx.withTransaction(async () => {
      if (dto.articleIds) {
        const missing = await this.articles.unpublished(dto.articleIds);
        if (missing.length) throw new ArticlesNotPublishedException(missing);
      }
      const row = await this.pushes.insert(
        {
          cron: dto.cron,
          timezone,
          articleIds: dto.articleIds ?? null,
          source: dto.source ?? 'manual',
          audienceRoles: dto.audienceRoles,
          nextRunAt: nextRunAfter(dto.cron, timezone, new Date()),
        },
        principal.userId,
      );
      const push = toPushResponse(row);
      const { cron, articleIds, source, audienceRoles, nextRunAt } = push;
      await this.audit.append({
        actor: principal,
        entity: 'kb_push',
        entityId: row.id,
        action: 'created',
        data: { cron, timezone, articleIds, source, audienceRoles, nextRunAt },
      });
      return push;
    });
  }

  async list(query: PushQueryDto): Promise<Page<PushResponse>> {
    const plan = await PUSH_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const rows = await this.pushes.list(
      params,
      ['TRUE', ...plan.where(params)],
      query.limit,
      plan.orderBy,
    );
    return plan.page(rows, toPushResponse);
  }

  async get(id: string): Promise<PushResponse> {
    return toPushResponse(await this.found(id));
  }

  /**
   * Stops the push's schedule; its runs and stats stay, and it may still be
   * run by hand. Stopping a stopped push changes nothing.
   */
  async stop(principal: Principal, id: string): Promise<void> {
    await this.tx.withTransaction(async () => {
      const stopped = await this.pushes.deactivate(id);
      if (!stopped) {
        await this.found(id);
        return;
      }
      await this.audit.append({
        actor: principal,
        entity: 'kb_push',
        entityId: id,
        action: 'stopped',
        data: { cron: stopped.cron, timezone: stopped.timezone },
      });
    });
  }

  /** Runs the push now, whatever its schedule, which it leaves as it was. */
  runNow(principal: Principal, id: string): Promise<PushRunResponse> {
    return this.tx.withTransaction(async () => {
      const run = await this.run(principal, await this.found(id), 'manual', null);
      return toRunResponse(run!);
    });
  }

  /** On demand: waits for a tick in progress (on any replica), then runs what is still due. */
  runDueNow(): Promise<PushJobRunResponse> {
    return this.scheduler.runNow(KB_PUSH_JOB, () => this.runDue());
  }

  async stats(id: string): Promise<PushStatsResponse> {
    await this.found(id);
    const runs = await this.pushes.runCounts(id);
    return {
      pushId: id,
      runs: runs.map((run) => ({
        runId: run.runId,
        ranAt: run.ranAt.toISOString(),
        delivered: run.delivered,
        read: run.read,
        completionPct: completionPct(run.read, run.delivered),
      })),
    };
  }

  /**
   * One run of every active push that is due, each for the time it was due;
   * the caller holds the job's lock, in the current transaction. Due pushes
   * are claimed FOR UPDATE SKIP LOCKED and advanced in the same transaction
   * as their run, and a run names its due time (unique per push), so a
   * scheduled time is run once even past the lock. A push that was due
   * several times while the app was down runs once, and its next run is the
   * first one after now.
   */
  private async runDue(): Promise<PushJobRunResponse> {
    const runs: PushRunResponse[] = [];
    for (const push of await this.pushes.claimDue()) {
      const now = new Date();
      await this.pushes.setNextRunAt(push.id, nextRunAfter(push.cron, push.timezone, now));
      const run = await this.run(null, push, 'scheduled', push.nextRunAt);
      if (run) runs.push(toRunResponse(run));
    }
    if (runs.length) this.logger.log({ runs: runs.length }, 'Knowledge-base pushes run');
    return { runs };
  }

  /**
   * Records a run of `push` and notifies its recipients; undefined when the
   * scheduled time `scheduledFor` was already run. An auto_faq push drafts
   * first, and sends the drafts of the current clusters.
   */
  private async run(
    actor: Principal | null,
    push: PushRow,
    trigger: RunTrigger,
    scheduledFor: Date | null,
  ): Promise<RunRow | undefined> {
    const articleIds =
      push.source === 'auto_faq' ? await this.faqDrafter.draftRecentQuestions() : push.articleIds!;
    const made = await this.pushes.insertRun(push, articleIds, trigger, scheduledFor);
    if (!made) return undefined;
    const { run, recipients } = made;
    await this.notifications.notify(recipients, {
      type: KB_PUSH_NOTIFICATION,
      title: `知识库推送：${articleIds.length} 篇文章待阅读`,
      payload: { pushId: push.id, runId: run.id, articleIds },
      dedupeKey: `kb_push:${run.id}`,
    });
    await this.audit.append({
      actor,
      entity: 'kb_push',
      entityId: push.id,
      action: 'ran',
      data: { runId: run.id, trigger, scheduledFor, delivered: run.delivered, articleIds },
    });
    return run;
  }

  private async found(id: string): Promise<PushRow> {
    const row = await this.pushes.find(id);
    if (!row) throw new NotFoundException(knowledgeBaseMessages.push, id);
    return row;
  }
}
