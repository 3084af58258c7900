import { Injectable } from '@nestjs/common';
import type { Role } from '../../core/auth/roles';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { UnitMetric } from '../metrics/domain/unit-metrics';
import type { AlertComparator, AlertScope } from './domain/alert-rule';

/** A rule's own fields, as written by its author. */
export interface AlertRuleFields {
  name: string;
  metric: UnitMetric;
  scope: AlertScope;
  comparator: AlertComparator;
  /** numeric(5,2) as text: exact. */
  threshold: string;
  notifyRoles: Role[];
  ccRoles: Role[];
  playbookId: string | null;
}

export interface AlertRuleRow extends AlertRuleFields {
  id: string;
  reachOrgUnitId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** `GET /alert-rules`: newest first unless sorted otherwise; `?updatedSince=` syncs. */
export const ALERT_RULE_LIST = defineList({
  keys: {
    createdAt: { column: 'r.created_at', kind: 'timestamp' },
    name: { column: 'r.name', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'r.id',
  updatedAt: 'r.updated_at',
});

const RULE_COLUMNS = `r.id, r.name, r.metric, r.scope, r.comparator, r.threshold::text AS threshold,
  r.notify_roles AS "notifyRoles", r.cc_roles AS "ccRoles", r.playbook_id AS "playbookId",
  r.reach_org_unit_id AS "reachOrgUnitId", r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.version`;

/** A unit in breach, as the evaluation records it. */
export interface NewBreach {
  orgUnitId: string;
  value: string;
}

@Injectable()
export class AlertRulesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(
    rule: AlertRuleFields,
    reachOrgUnitId: string | null,
    createdBy: string | null,
  ): Promise<AlertRuleRow> {
    const [row] = await this.tx.query<AlertRuleRow>(
      `INSERT INTO alert_rules AS r (name, metric, scope, comparator, threshold, notify_roles,
         cc_roles, playbook_id, reach_org_unit_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::text[], $8, $9, $10) RETURNING ${RULE_COLUMNS}`,
      [...fieldValues(rule), reachOrgUnitId, createdBy],
    );
    return row;
  }

  async update(id: string, rule: AlertRuleFields): Promise<AlertRuleRow> {
    const [row] = await this.tx.query<AlertRuleRow>(
      `UPDATE alert_rules AS r SET name = $1, metric = $2, scope = $3, comparator = $4,
         threshold = $5, notify_roles = $6::text[], cc_roles = $7::text[], playbook_id = $8,
         version = r.version + 1
       WHERE r.id = $9 RETURNING ${RULE_COLUMNS}`,
      [...fieldValues(rule), id],
    );
    return row;
  }

  /** Deletes the rule with its breaches (history of a rule that no longer exists). */
  async delete(id: string): Promise<void> {
    await this.tx.query('DELETE FROM alert_rules WHERE id = $1', [id]);
  }

  /** The rule, locked for update when asked (a PATCH or DELETE checks its version first). */
  async findOne(id: string, forUpdate = false): Promise<AlertRuleRow | undefined> {
    const [row] = await this.tx.query<AlertRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM alert_rules r WHERE r.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** `limit + 1` rules matching `where` (filters and keyset), in `orderBy` (ALERT_RULE_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<AlertRuleRow[]> {
    return this.tx.query<AlertRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM alert_rules r WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Every rule, oldest first: what an evaluation works through. */
  async all(): Promise<AlertRuleRow[]> {
    return this.tx.query<AlertRuleRow>(
      `SELECT ${RULE_COLUMNS} FROM alert_rules r ORDER BY r.created_at, r.id`,
    );
  }

  /** The org units of `type` a rule watches: those in the reach's subtree, or all. */
  async unitsInReach(
    type: AlertScope,
    reachOrgUnitId: string | null,
  ): Promise<{ orgUnitId: string; name: string }[]> {
    return this.tx.query(
      `WITH RECURSIVE reach(id) AS (
         SELECT o.id FROM org_units o WHERE CASE WHEN $2::uuid IS NULL THEN o.parent_id IS NULL ELSE o.id = $2 END
         UNION SELECT o.id FROM org_units o JOIN reach ON o.parent_id = reach.id
       )
       SELECT o.id AS "orgUnitId", o.name FROM org_units o JOIN reach ON reach.id = o.id
       WHERE o.type = $1 ORDER BY o.name, o.id`,
      [type, reachOrgUnitId],
    );
  }

  /**
   * Records the breaches of one rule in one week; those already recorded (an
   * earlier run, another replica) are skipped. Returns the units new here.
   */
  async insertBreaches(
    ruleId: string,
    week: string,
    threshold: string,
    breaches: NewBreach[],
  ): Promise<string[]> {
    if (!breaches.length) return [];
    const rows = await this.tx.query<{ orgUnitId: string }>(
      `INSERT INTO alert_breaches (rule_id, org_unit_id, week, value, threshold)
       SELECT $1, b."orgUnitId", $2, b.value, $3
       FROM jsonb_to_recordset($4::jsonb) AS b("orgUnitId" uuid, value numeric)
       ON CONFLICT (rule_id, org_unit_id, week) DO NOTHING
       RETURNING org_unit_id AS "orgUnitId"`,
      [ruleId, week, threshold, JSON.stringify(breaches)],
    );
    return rows.map((row) => row.orgUnitId);
  }

  /**
   * The active users who hear about a unit's breach: those with one of
   * `roles` in the unit itself, and those with one of `directorRoles` in a
   * unit above it (its region). Returns one row per (unit, user).
   */
  async recipients(
    orgUnitIds: string[],
    roles: Role[],
    directorRoles: Role[],
  ): Promise<{ orgUnitId: string; userId: string }[]> {
    if (!orgUnitIds.length || !roles.length) return [];
    return this.tx.query(
      `WITH RECURSIVE above(unit_id, id) AS (
         SELECT o.id, o.parent_id FROM org_units o
         WHERE o.id = ANY ($1::uuid[]) AND o.parent_id IS NOT NULL
         UNION SELECT above.unit_id, o.parent_id FROM above JOIN org_units o ON o.id = above.id
         WHERE o.parent_id IS NOT NULL
       )
       SELECT DISTINCT t.unit_id AS "orgUnitId", u.id AS "userId"
       FROM (
         SELECT unit_id, unit_id AS member_unit, $2::text[] AS roles FROM unnest($1::uuid[]) AS unit_id
         UNION ALL SELECT unit_id, id, $3::text[] FROM above
       ) t
       JOIN users u ON u.org_unit_id = t.member_unit AND u.active AND u.roles && t.roles
       ORDER BY 1, 2`,
      [orgUnitIds, roles, directorRoles],
    );
  }
}

function fieldValues(rule: AlertRuleFields): unknown[] {
  return [
    rule.name,
    rule.metric,
    rule.scope,
    rule.comparator,
    rule.threshold,
    rule.notifyRoles,
    rule.ccRoles,
    rule.playbookId,
  ];
}
