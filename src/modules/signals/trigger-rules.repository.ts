import { Injectable } from '@nestjs/common';
import { DataScope, scopePredicate } from '../../core/auth/data-scope/data-scope';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { PlaybookSummary } from '../playbooks/playbooks.service';
import type { PlaybookKind } from '../playbooks/playbook.entity';
import { RuleWindows } from './domain/windows';
import { SignalType } from './signal.entity';

export interface TriggerRuleRow {
  id: string;
  name: string;
  signalType: SignalType;
  /** numeric(8,2) as text: exact. */
  growthPct: string;
  windowDays: number;
  minCount: number;
  playbookId: string;
  reach: DataScope;
  createdBy: string | null;
  createdAt: Date;
}

export type NewTriggerRule = Omit<TriggerRuleRow, 'id' | 'growthPct' | 'createdAt'> & {
  growthPct: number;
};

/** `GET /trigger-rules`: newest first unless sorted otherwise. Rules are not edited, so no sync. */
export const TRIGGER_RULE_LIST = defineList({
  keys: {
    createdAt: { column: 'r.created_at', kind: 'timestamp' },
    name: { column: 'r.name', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'r.id',
});

const RULE_COLUMNS = `r.id, r.name, r.signal_type AS "signalType", r.growth_pct AS "growthPct",
  r.window_days AS "windowDays", r.min_count AS "minCount", r.playbook_id AS "playbookId",
  r.reach, r.created_by AS "createdBy", r.created_at AS "createdAt"`;

@Injectable()
export class TriggerRulesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(rule: NewTriggerRule): Promise<TriggerRuleRow> {
    const [row] = await this.tx.query<TriggerRuleRow>(
      `INSERT INTO trigger_rules AS r
         (name, signal_type, growth_pct, window_days, min_count, playbook_id, reach, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${RULE_COLUMNS}`,
      [
        rule.name,
        rule.signalType,
        rule.growthPct,
        rule.windowDays,
        rule.minCount,
        rule.playbookId,
        rule.reach,
        rule.createdBy,
      ],
    );
    return row;
  }

  async findOne(id: string): Promise<TriggerRuleRow | undefined> {
    const [row] = await this.tx.query<TriggerRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM trigger_rules r WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** `limit + 1` rules matching `where` (the keyset), in `orderBy` (TRIGGER_RULE_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<TriggerRuleRow[]> {
    return this.tx.query<TriggerRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM trigger_rules r WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Every rule, oldest first: what an evaluation run works through. */
  async all(): Promise<TriggerRuleRow[]> {
    return this.tx.query<TriggerRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM trigger_rules r ORDER BY r.created_at, r.id`,
    );
  }
}

/** How the todo's title names a signal type. */
const SIGNAL_LABELS: Record<SignalType, string> = {
  web_visit: '网站访问',
  wechat_read: '公众号阅读',
  email_open: '邮件打开',
  store_visit: '到店',
};

const PLAYBOOK_KIND_LABELS: Record<PlaybookKind, string> = {
  script_pack: '话术包',
  competitor_comparison: '竞品对比',
  faq: 'FAQ',
};

export interface RuleEvaluation {
  rule: TriggerRuleRow;
  playbook: PlaybookSummary;
  windows: RuleWindows;
  dueAt: Date;
}

/**
 * The SELECT (columns: NEW_TODO_COLUMNS) of the `trigger_playbook` todos one
 * rule makes now: one per owned customer in the rule's reach whose count of
 * the rule's signal type in [currentStart, end) has grown by at least
 * growthPct % over [previousStart, currentStart) and is at least minCount;
 * a previous count of 0 counts as growth (domain/growth.ts states the same
 * rule). The dedupe key `trigger_playbook:<rule>:<customer>:<period>` allows
 * one todo per rule, customer and calendar period.
 */
export function triggeredTodosSelect(evaluation: RuleEvaluation): {
  select: string;
  params: unknown[];
} {
  const { rule, playbook, windows, dueAt } = evaluation;
  const params = new SqlParams();
  const currentStart = params.add(windows.currentStart);
  const facts = {
    ruleId: rule.id,
    ruleName: rule.name,
    signalType: rule.signalType,
    windowDays: rule.windowDays,
    playbook,
  };
  const select = `
    SELECT 'trigger_playbook', c.owner_id, c.id,
      format('客户「%s」%s%s：推送%s《%s》', c.name, ${params.add(SIGNAL_LABELS[rule.signalType])}::text,
        CASE WHEN q.growth_pct IS NULL THEN format('新增 %s 次', q.current_count)
             ELSE format('增长 %s%%', q.growth_pct) END,
        ${params.add(PLAYBOOK_KIND_LABELS[playbook.kind])}::text, ${params.add(playbook.title)}::text),
      ${params.add(facts)}::jsonb || jsonb_build_object('currentCount', q.current_count,
        'previousCount', q.previous_count, 'growthPct', q.growth_pct),
      ${params.add(dueAt)}::timestamptz,
      concat_ws(':', 'trigger_playbook', ${params.add(rule.id)}::text, c.id, ${params.add(windows.period)}::text)
    FROM (
      SELECT counts.*, CASE WHEN previous_count > 0 THEN
          trim_scale(round((current_count - previous_count) * 100.0 / previous_count, 2)) END AS growth_pct
      FROM (
        SELECT s.customer_id,
          coalesce(sum(s.count) FILTER (WHERE s.at >= ${currentStart}), 0) AS current_count,
          coalesce(sum(s.count) FILTER (WHERE s.at < ${currentStart}), 0) AS previous_count
        FROM signals s
        WHERE s.type = ${params.add(rule.signalType)}
          AND s.at >= ${params.add(windows.previousStart)} AND s.at < ${params.add(windows.end)}
        GROUP BY s.customer_id
      ) counts
      WHERE current_count >= ${params.add(rule.minCount)}
        AND (previous_count = 0
          OR (current_count - previous_count) * 100 >= ${params.add(rule.growthPct)}::numeric * previous_count)
    ) q
    JOIN customers c ON c.id = q.customer_id
    WHERE c.owner_id IS NOT NULL AND ${scopePredicate(rule.reach, 'c.owner_id', params)}`;
  return { select, params: params.values };
}
