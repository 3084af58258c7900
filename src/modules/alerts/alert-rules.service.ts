import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { SEES_ALL } from '../../core/auth/data-scope/data-scope';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import {
  InvalidInputException,
  NotFoundException,
  StaleVersionException,
} from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { UNIT_TYPES_OF } from '../metrics/domain/unit-metrics';
import { PlaybookNotFoundException } from '../playbooks/playbooks.exception';
import { PlaybooksService } from '../playbooks/playbooks.service';
import {
  AlertRuleFields,
  AlertRuleRow,
  AlertRulesRepository,
  ALERT_RULE_LIST,
} from './alert-rules.repository';
import { alertMessages } from './alerts.exception';
import {
  AlertRuleQueryDto,
  AlertRuleResponse,
  CreateAlertRuleDto,
  UpdateAlertRuleDto,
} from './dto/alert-rule.dto';

function toAlertRuleResponse(row: AlertRuleRow): AlertRuleResponse {
  return {
    ...row,
    threshold: Number(row.threshold),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function fieldsOf(row: AlertRuleRow): AlertRuleFields {
  const { name, metric, scope, comparator, threshold, notifyRoles, ccRoles, playbookId } = row;
  return { name, metric, scope, comparator, threshold, notifyRoles, ccRoles, playbookId };
}

/** The fields as stored (the threshold as exact text with 2 places), or 400 for a scope the metric is not measured by. */
function normalised(dto: CreateAlertRuleDto): AlertRuleFields {
  const types = UNIT_TYPES_OF[dto.metric];
  if (!types.includes(dto.scope)) {
    throw new InvalidInputException([
      { field: 'scope', message: alertMessages.notMeasuredBy(dto.metric, types) },
    ]);
  }
  return {
    name: dto.name,
    metric: dto.metric,
    scope: dto.scope,
    comparator: dto.comparator,
    threshold: dto.threshold.toFixed(2),
    notifyRoles: dto.notifyRoles,
    ccRoles: dto.ccRoles ?? [],
    playbookId: dto.playbookId ?? null,
  };
}

/**
 * Alert rules are configuration: the roles that write them read them all.
 * A rule watches its author's reach: the whole organisation for those who see
 * it all, the author's own subtree for a regional or ops director.
 */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly rules: AlertRulesRepository,
    private readonly playbooks: PlaybooksService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateAlertRuleDto): Promise<AlertRuleResponse> {
    const fields = normalised(dto);
    const seesAll = principal.roles.some((role) => SEES_ALL.includes(role));
    return this.tx.withTransaction(async () => {
      await this.assertPlaybook(fields.playbookId);
      const row = await this.rules.insert(
        fields,
        seesAll ? null : principal.orgUnitId,
        principal.userId,
      );
      await this.record(principal, row, 'created');
      return toAlertRuleResponse(row);
    });
  }

  /** Applies the fields given; an unchanged rule keeps its version. */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateAlertRuleDto,
    expectedVersion: number | undefined,
  ): Promise<AlertRuleResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.find(id, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(alertMessages.alertRule, expectedVersion, current.version);
      }
      const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
      const fields = normalised({ ...toAlertRuleResponse(current), ...given });
      if (JSON.stringify(fields) === JSON.stringify(fieldsOf(current))) {
        return toAlertRuleResponse(current);
      }
      if (fields.playbookId !== current.playbookId) await this.assertPlaybook(fields.playbookId);
      const row = await this.rules.update(id, fields);
      await this.record(principal, row, 'updated');
      return toAlertRuleResponse(row);
    });
  }

  /** Deletes the rule and the record of its breaches; the todos it made stay with their users. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.tx.withTransaction(async () => {
      const rule = await this.find(id, true);
      await this.rules.delete(id);
      await this.audit.append({
        actor: principal,
        entity: 'alert_rule',
        entityId: id,
        action: 'deleted',
        data: { name: rule.name, version: rule.version },
      });
    });
  }

  async list(query: AlertRuleQueryDto): Promise<Page<AlertRuleResponse>> {
    const plan = await ALERT_RULE_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.metric) where.push(`r.metric = ANY (${params.add(query.metric)}::text[])`);
    if (query.scope) where.push(`r.scope = ANY (${params.add(query.scope)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.rules.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toAlertRuleResponse);
  }

  async get(id: string): Promise<AlertRuleResponse> {
    return toAlertRuleResponse(await this.find(id));
  }

  private async find(id: string, forUpdate = false): Promise<AlertRuleRow> {
    const row = await this.rules.findOne(id, forUpdate);
    if (!row) throw new NotFoundException(alertMessages.alertRule, id);
    return row;
  }

  private async assertPlaybook(playbookId: string | null): Promise<void> {
    if (playbookId !== null && !(await this.playbooks.exists(playbookId))) {
      throw new PlaybookNotFoundException();
    }
  }

  private async record(
    principal: Principal,
    row: AlertRuleRow,
    action: 'created' | 'updated',
  ): Promise<void> {
    await this.audit.append({
      actor: principal,
      entity: 'alert_rule',
      entityId: row.id,
      action,
      data: { ...fieldsOf(row), version: row.version },
    });
  }
}
