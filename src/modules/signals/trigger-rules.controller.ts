import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreateTriggerRuleDto,
  EvaluationResponse,
  TriggerRulePage,
  TriggerRuleQueryDto,
  TriggerRuleResponse,
} from './dto/trigger-rule.dto';
import { TriggerEvaluationService } from './trigger-evaluation.service';
import { TriggerRulesService } from './trigger-rules.service';
import {
  CREATE_TRIGGER_RULE_EXAMPLE,
  EVALUATION_EXAMPLE,
  TRIGGER_RULE_EXAMPLE,
  TRIGGER_RULE_PAGE_EXAMPLE,
} from './dto/signal.examples';

/** Those who decide which playbook a team gets, and when. */
const RULE_AUTHORS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
] as const;

const RULE_DESCRIPTION = `A rule fires for a customer when, at an evaluation at time \`now\`:

- **current** = the sum of \`count\` of the customer's \`signalType\` signals with \`at\` in [now − windowDays, now),
- **previous** = the same sum over [now − 2·windowDays, now − windowDays),
- current ≥ \`minCount\` (default 1), and
- growth = (current − previous) / previous × 100 ≥ \`growthPct\`, a growth exactly at the threshold included;
  when previous = 0, any current ≥ \`minCount\` counts as growth.

The customer's **owner** then gets a \`trigger_playbook\` todo: title \`客户「name」网站访问增长 45%：推送话术包《title》\`
(\`新增 N 次\` when previous = 0), due 24 h after the evaluation, payload
\`{ ruleId, ruleName, signalType, windowDays, currentCount, previousCount, growthPct (null when previous = 0),
playbook: { id, title, kind, attachmentIds } }\`. Customers in the pool have no owner and get none.

**One todo per (rule, customer, window):** the window's identity is floor(days since 1970-01-01 in the
organisation's \`timezone\` / windowDays), so a rule makes at most one todo per customer in each windowDays-long
calendar period, however often it is evaluated.

**Reach.** A rule reaches the customers its creator could see when creating it: a supervisor's rule, its team's
customers; a regional director's, its region's; an admin's or sales director's, all.

Rules are evaluated every 15 minutes (TRIGGER_EVALUATION_CRON) and by \`POST /trigger-rules/evaluate\`.`;

@ApiTags('trigger-rules')
@Controller('trigger-rules')
export class TriggerRulesController {
  constructor(
    private readonly rules: TriggerRulesService,
    private readonly evaluation: TriggerEvaluationService,
  ) {}

  /** Create a trigger rule; an unknown playbook gets 422 PLAYBOOK_NOT_FOUND */
  @Post()
  @Created('trigger-rules/{id}')
  @Roles(...RULE_AUTHORS)
  @ApiOperation({ description: RULE_DESCRIPTION })
  @ApiProblems(422)
  @ApiExamples({ request: CREATE_TRIGGER_RULE_EXAMPLE, response: TRIGGER_RULE_EXAMPLE })
  create(
    @Body() body: CreateTriggerRuleDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TriggerRuleResponse> {
    return this.rules.create(principal, body);
  }

  /** List trigger rules, newest first */
  @Get()
  @Roles(...RULE_AUTHORS)
  @ApiExamples({ response: TRIGGER_RULE_PAGE_EXAMPLE })
  list(@Query() query: TriggerRuleQueryDto): Promise<TriggerRulePage> {
    return this.rules.list(query);
  }

  /** Evaluate every trigger rule now */
  @Post('evaluate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    description:
      'Runs the scheduled evaluation now (see `POST /trigger-rules` for the rule) and answers when it is done. ' +
      'A run already in progress is waited for, so two concurrent runs create each todo once: the second ' +
      'answers `created: 0` for what the first made.',
  })
  @ApiExamples({ response: EVALUATION_EXAMPLE })
  evaluate(): Promise<EvaluationResponse> {
    return this.evaluation.evaluate();
  }

  /** Read a trigger rule */
  @Get(':id')
  @Roles(...RULE_AUTHORS)
  @ApiProblems(404)
  @ApiExamples({ response: TRIGGER_RULE_EXAMPLE })
  get(@IdParam() id: string): Promise<TriggerRuleResponse> {
    return this.rules.get(id);
  }
}
