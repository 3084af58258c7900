import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { KB_EDITOR_ROLES } from './domain/knowledge-base';
import {
  CreatePushDto,
  PushJobRunResponse,
  PushPage,
  PushQueryDto,
  PushResponse,
  PushRunResponse,
  PushStatsResponse,
} from './dto/kb-push.dto';
import {
  CREATE_PUSH_EXAMPLE,
  PUSH_EXAMPLE,
  PUSH_JOB_RUN_EXAMPLE,
  PUSH_PAGE_EXAMPLE,
  PUSH_RUN_EXAMPLE,
  PUSH_STATS_EXAMPLE,
} from './dto/knowledge-base.examples';
import { KbPushesService } from './kb-pushes.service';

const CREATE_DESCRIPTION = `\`cron\` has five fields (minute hour day-of-month month day-of-week) and is read
on the wall clock of \`timezone\` (an IANA zone; the organisation's \`timezone\` setting by default):
\`0 17 * * 5\` in Asia/Shanghai is Fridays at 17:00, 09:00Z. An expression cron-parser refuses, or one
with seconds, gets 400 naming \`cron\`.

Give exactly one of \`articleIds\` (published articles; others get 422 KB_ARTICLES_NOT_PUBLISHED) and
\`source: "auto_faq"\` (each run drafts FAQ articles from the last 7 days of ticket questions and sends
the drafts). Each run sends one \`kb_push\` notification to every active user holding any of
\`audienceRoles\`. The scheduler runs the push at the first tick (KB_PUSH_CRON, every minute) at or
after \`nextRunAt\`. Audited.`;

/** Scheduled pushes of articles to roles, and how far they were read: for editors. */
@ApiTags('knowledge-base')
@Controller('kb/pushes')
@Roles(...KB_EDITOR_ROLES)
export class KbPushesController {
  constructor(private readonly pushes: KbPushesService) {}

  /** Schedule a push of articles (or of the week's FAQ drafts) to roles */
  @Post()
  @Created('kb/pushes/{id}')
  @ApiOperation({ description: CREATE_DESCRIPTION })
  @ApiProblems(422)
  @ApiExamples({ request: CREATE_PUSH_EXAMPLE, response: PUSH_EXAMPLE })
  create(
    @Body() body: CreatePushDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PushResponse> {
    return this.pushes.create(principal, body);
  }

  /** List the pushes, newest first */
  @Get()
  @ApiExamples({ response: PUSH_PAGE_EXAMPLE })
  list(@Query() query: PushQueryDto): Promise<PushPage> {
    return this.pushes.list(query);
  }

  /** Read a push, with its next run */
  @Get(':id')
  @ApiProblems(404)
  @ApiExamples({ response: PUSH_EXAMPLE })
  get(@IdParam() id: string): Promise<PushResponse> {
    return this.pushes.get(id);
  }

  /**
   * Stop a push
   *
   * The scheduler no longer runs it (`active: false`); its runs and stats
   * stay readable, and it may still be run by hand. To change a push's
   * schedule, audience or articles, stop it and create another. Stopping a
   * stopped push changes nothing. Audited (`kb_push` `stopped`).
   */
  @Delete(':id')
  @HttpCode(204)
  @ApiProblems(404)
  stop(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.pushes.stop(principal, id);
  }

  /**
   * Run a push now
   *
   * One run, recorded and audited, outside the schedule (its `nextRunAt` stays):
   * a `kb_push` notification to every active user holding an audience role.
   * An auto_faq push drafts first and sends its drafts; with no ticket
   * question clusters it sends nothing and delivers to no one.
   */
  @Post(':id/run')
  @HttpCode(200)
  @ApiProblems(404)
  @ApiExamples({ response: PUSH_RUN_EXAMPLE })
  run(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<PushRunResponse> {
    return this.pushes.runNow(principal, id);
  }

  /**
   * Read figures per run, the latest 100, oldest first
   *
   * `delivered`: the users the run notified. `read`: those of them who have
   * a read receipt for every article of the run, whenever they read it; each
   * counts once, and a reader the run did not deliver to never counts.
   * `completionPct` = read / delivered × 100, half-up to 2 places (0 when
   * nobody was delivered to).
   */
  @Get(':id/stats')
  @ApiProblems(404)
  @ApiExamples({ response: PUSH_STATS_EXAMPLE })
  stats(@IdParam() id: string): Promise<PushStatsResponse> {
    return this.pushes.stats(id);
  }
}

@ApiTags('jobs')
@Controller('jobs/kb-pushes')
export class KbPushJobController {
  constructor(private readonly pushes: KbPushesService) {}

  /**
   * Run the due knowledge-base pushes now
   *
   * What the scheduler does every KB_PUSH_CRON tick: one run of each active
   * push whose `nextRunAt` has come, advancing it. A tick in progress (here
   * or on another replica) is waited for; the pushes it ran are then no
   * longer due, so a scheduled time is never run twice.
   */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  @ApiExamples({ response: PUSH_JOB_RUN_EXAMPLE })
  run(): Promise<PushJobRunResponse> {
    return this.pushes.runDueNow();
  }
}
