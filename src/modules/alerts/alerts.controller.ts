import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertRulesService } from './alert-rules.service';
import {
  AlertEvaluationResponse,
  AlertRulePage,
  AlertRuleQueryDto,
  AlertRuleResponse,
  CreateAlertRuleDto,
  EvaluateAlertsQueryDto,
  UpdateAlertRuleDto,
} from './dto/alert-rule.dto';
import {
  ALERT_EVALUATION_EXAMPLE,
  ALERT_RULE_EXAMPLE,
  ALERT_RULE_PAGE_EXAMPLE,
  CREATE_ALERT_RULE_EXAMPLE,
  UPDATE_ALERT_RULE_EXAMPLE,
} from './dto/alert-rule.examples';

/** Those who set what the organisation is alerted about. */
const RULE_AUTHORS = ['admin', 'sales_director', 'regional_director', 'ops_director'] as const;

const RULE_DESCRIPTION = `Each week, for every unit of type \`scope\` (store or team) in the rule's reach, the
unit's weekly \`metric\` is compared with \`threshold\`: \`lt\` fires strictly below it, \`gt\` strictly above,
on the value as presented (2 places). A unit with nothing to measure that week (no base customers, no
inquiries, no obligations) never fires. The metrics are defined in \`docs/metrics.md\` and \`docs/alerts.md\`.

For each unit in breach:
- every active user with one of \`notifyRoles\` in the unit gets an \`alert\` todo, and so does every user
  with a director role among them (\`*_director\`) in a unit above it (its region);
- the users found the same way for \`ccRoles\` get a notification (the inbox, and webhooks for
  \`notification.created\`).

The todo's title reads e.g. \`西湖烘焙店 2026-W49 周复购率 58.33% 低于 65%\`; its payload carries
\`{ ruleId, ruleName, metric, comparator, threshold, week, orgUnit, value, detail, playbook }\`.

**Once per (rule, unit, week):** however often a week is evaluated, on any replica.

**Reach.** A rule watches the whole organisation when its author sees it all (admin, sales director), and
the author's own org-unit subtree for a regional or ops director.`;

@ApiTags('alert-rules')
@Controller('alert-rules')
export class AlertRulesController {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly evaluation: AlertEvaluationService,
  ) {}

  /** Create an alert rule; an unknown playbook gets 422 PLAYBOOK_NOT_FOUND */
  @Post()
  @Created('alert-rules/{id}')
  @Roles(...RULE_AUTHORS)
  @ApiOperation({ description: RULE_DESCRIPTION })
  @ApiProblems(422)
  @ApiExamples({ request: CREATE_ALERT_RULE_EXAMPLE, response: ALERT_RULE_EXAMPLE })
  create(
    @Body() body: CreateAlertRuleDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertRuleResponse> {
    return this.rules.create(principal, body);
  }

  /** List alert rules, newest first */
  @Get()
  @Roles(...RULE_AUTHORS)
  @ApiExamples({ response: ALERT_RULE_PAGE_EXAMPLE })
  list(@Query() query: AlertRuleQueryDto): Promise<AlertRulePage> {
    return this.rules.list(query);
  }

  /** Evaluate every alert rule for a week now */
  @Post('evaluate')
  @Roles('admin', 'sales_director', 'ops_director')
  @HttpCode(200)
  @ApiOperation({
    description:
      'Runs the weekly evaluation (see `POST /alert-rules`) for `week`, by default the last complete week ' +
      "in the organisation's time zone, and answers when it is done. A run in progress is waited for, so " +
      'of two concurrent runs the second finds the breaches recorded and sends nothing again.',
  })
  @ApiExamples({ response: ALERT_EVALUATION_EXAMPLE })
  evaluate(@Query() query: EvaluateAlertsQueryDto): Promise<AlertEvaluationResponse> {
    return this.evaluation.evaluate(query.week);
  }

  /** Read an alert rule */
  @Get(':id')
  @Roles(...RULE_AUTHORS)
  @ApiProblems(404)
  @ApiExamples({ response: ALERT_RULE_EXAMPLE })
  get(@IdParam() id: string): Promise<AlertRuleResponse> {
    return this.rules.get(id);
  }

  /**
   * Change an alert rule
   *
   * Weeks already evaluated keep the breaches they found, with the threshold
   * of the time. A PATCH that changes nothing keeps the version.
   */
  @Patch(':id')
  @Roles(...RULE_AUTHORS)
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: UPDATE_ALERT_RULE_EXAMPLE, response: ALERT_RULE_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateAlertRuleDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertRuleResponse> {
    return this.rules.update(principal, id, body, version);
  }

  /** Delete an alert rule; the todos and notifications it sent stay */
  @Delete(':id')
  @Roles(...RULE_AUTHORS)
  @HttpCode(204)
  @ApiProblems(404)
  remove(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.rules.remove(principal, id);
  }
}
