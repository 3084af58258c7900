import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { PlaybooksService } from '../playbooks/playbooks.service';
import {
  CreateTriggerRuleDto,
  TriggerRuleQueryDto,
  TriggerRuleResponse,
} from './dto/trigger-rule.dto';
import { PlaybookNotFoundException } from '../playbooks/playbooks.exception';
import { signalMessages } from './signals.exception';
import {
  TRIGGER_RULE_LIST,
  TriggerRuleRow,
  TriggerRulesRepository,
} from './trigger-rules.repository';

/** The reach is how the rule is evaluated, not part of the contract. */
function toResponse(row: TriggerRuleRow): TriggerRuleResponse {
  const { reach: _internal, ...rule } = row;
  return { ...rule, growthPct: Number(row.growthPct), createdAt: row.createdAt.toISOString() };
}

/** Trigger rules are configuration: the roles that write them read them all. */
@Injectable()
export class TriggerRulesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly rules: TriggerRulesRepository,
    private readonly playbooks: PlaybooksService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The rule reaches the creator's data scope: a supervisor's rule pushes to its own team. */
  async create(principal: Principal, dto: CreateTriggerRuleDto): Promise<TriggerRuleResponse> {
    const rule = {
      name: dto.name,
      signalType: dto.signalType,
      growthPct: dto.growthPct,
      windowDays: dto.windowDays,
      minCount: dto.minCount ?? 1,
      playbookId: dto.playbookId,
    };
    return this.tx.withTransaction(async () => {
      if (!(await this.playbooks.exists(rule.playbookId))) throw new PlaybookNotFoundException();
      const row = await this.rules.insert({
        ...rule,
        reach: this.scope.scopeOf(principal),
        createdBy: principal.userId,
      });
      await this.audit.append({
        actor: principal,
        entity: 'trigger_rule',
        entityId: row.id,
        action: 'created',
        data: rule,
      });
      return toResponse(row);
    });
  }

  async list(query: TriggerRuleQueryDto): Promise<Page<TriggerRuleResponse>> {
    const plan = await TRIGGER_RULE_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE', ...plan.where(params)];
    const rows = await this.rules.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toResponse);
  }

  async get(id: string): Promise<TriggerRuleResponse> {
    const row = await this.rules.findOne(id);
    if (!row) throw new NotFoundException(signalMessages.triggerRule, id);
    return toResponse(row);
  }
}
