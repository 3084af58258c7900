import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { ApproverRole } from './domain/approval-policy';
import type { StepStatus } from './approval-step.entity';

export interface StepRow {
  id: string;
  quoteId: string;
  quoteVersion: number;
  round: number;
  stepIndex: number;
  role: ApproverRole;
  status: StepStatus;
  deciderId: string | null;
  decidedAt: Date | null;
  comment: string | null;
  pendingSince: Date | null;
  createdAt: Date;
}

/** A step as GET /approvals lists it, with its quote's number, customer and amount. */
export interface StepListRow extends StepRow {
  quoteNumber: string;
  customerId: string;
  amount: string;
  updatedAt: Date;
}

/** `GET /approvals`: the oldest waiting first, as a queue is worked. */
export const APPROVAL_LIST = defineList({
  keys: {
    createdAt: { column: 's.created_at', kind: 'timestamp' },
    decidedAt: { column: 's.decided_at', kind: 'timestamp', nulls: 'highest' },
  },
  defaultSort: 'createdAt',
  id: 's.id',
  updatedAt: 's.updated_at',
});

const STEP_COLUMNS = `s.id, s.quote_id AS "quoteId", s.quote_version AS "quoteVersion",
  s.round, s.step_index AS "stepIndex", s.role, s.status, s.decider_id AS "deciderId",
  s.decided_at AS "decidedAt", s.comment, s.pending_since AS "pendingSince",
  s.created_at AS "createdAt"`;

/**
 * Who decides a step (API.md §5), over the step `s`, its quote `q`, the
 * quote's owner `o` and the version `v` it approves, for the user `d`:
 * nobody on a quote they own or wrote; `supervisor` is the owner's direct
 * supervisor, or, when that supervisor wrote the version (quoting for a
 * rep), the supervisor's own supervisor, so the step neither waits forever
 * nor lets its author approve it; `finance_bp` anyone with that role;
 * `regional_director` a director whose org unit is a region containing the
 * owner's org unit.
 * The same rule serves the check of a decision, GET /approvals and the
 * approval todos, so the three never disagree. Positions are read at the
 * moment of the query: a step waits for whoever holds the position then.
 */
const DECIDER_SQL = `d.active AND d.id <> q.owner_id AND d.id IS DISTINCT FROM v.created_by AND (
    (s.role = 'supervisor' AND d.id = CASE WHEN o.supervisor_id = v.created_by
      THEN (SELECT a.supervisor_id FROM users a WHERE a.id = v.created_by)
      ELSE o.supervisor_id END)
    OR (s.role = 'finance_bp' AND 'finance_bp' = ANY (d.roles))
    OR (s.role = 'regional_director' AND 'regional_director' = ANY (d.roles) AND o.org_unit_id IN (
      WITH RECURSIVE region(id) AS (
        SELECT r.id FROM org_units r WHERE r.id = d.org_unit_id AND r.type = 'region'
        UNION SELECT u.id FROM org_units u JOIN region ON u.parent_id = region.id
      ) SELECT id FROM region)))`;

/** A step joined to what DECIDER_SQL reads. */
const STEP_FROM = `approval_steps s
  JOIN quotes q ON q.id = s.quote_id
  JOIN quote_versions v ON v.quote_id = s.quote_id AND v.version = s.quote_version
  JOIN users o ON o.id = q.owner_id`;

@Injectable()
export class ApprovalsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The chain of one submission of a version, in the quote's next round: its
   * first step pending, the rest waiting. The caller holds the quote's lock,
   * so no other submission takes the same round.
   */
  async insertChain(
    quoteId: string,
    version: number,
    chain: readonly ApproverRole[],
  ): Promise<StepRow[]> {
    return this.tx.query<StepRow>(
      `INSERT INTO approval_steps AS s (quote_id, quote_version, round, step_index, role, status, pending_since)
       SELECT $1, $2,
         (SELECT coalesce(max(round), 0) + 1 FROM approval_steps WHERE quote_id = $1),
         i - 1, role, CASE WHEN i = 1 THEN 'pending' ELSE 'waiting' END, CASE WHEN i = 1 THEN now() END
       FROM unnest($3::text[]) WITH ORDINALITY AS chain(role, i)
       RETURNING ${STEP_COLUMNS}`,
      [quoteId, version, chain],
    );
  }

  /** A step whose quote's customer `scopeSql` (over `c.owner_id`) admits. */
  async findInScope(id: string, params: SqlParams, scopeSql: string): Promise<StepRow | undefined> {
    const [row] = await this.tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps s
       JOIN quotes q ON q.id = s.quote_id JOIN customers c ON c.id = q.customer_id
       WHERE s.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }

  async findById(id: string): Promise<StepRow | undefined> {
    const [row] = await this.tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps s WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  /** Whether `userId` holds the position that decides the step, now. */
  async mayDecide(stepId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `SELECT 1 FROM ${STEP_FROM} JOIN users d ON d.id = $2 WHERE s.id = $1 AND ${DECIDER_SQL}`,
      [stepId, userId],
    );
    return rows.length > 0;
  }

  /**
   * The decision itself, guarded: it changes the step only while it is
   * pending, so of concurrent decisions exactly one gets the row back.
   */
  async decide(
    stepId: string,
    status: 'approved' | 'rejected',
    deciderId: string,
    comment: string | null,
  ): Promise<StepRow | undefined> {
    const [row] = await this.tx.query<StepRow>(
      `UPDATE approval_steps s SET status = $2, decider_id = $3, decided_at = now(), comment = $4
       WHERE s.id = $1 AND s.status = 'pending' RETURNING ${STEP_COLUMNS}`,
      [stepId, status, deciderId, comment],
    );
    return row;
  }

  /** The step after `step` becomes pending; undefined after the last one. */
  async openNext(step: StepRow): Promise<StepRow | undefined> {
    const [row] = await this.tx.query<StepRow>(
      `UPDATE approval_steps s SET status = 'pending', pending_since = now()
       WHERE s.quote_id = $1 AND s.round = $2 AND s.step_index = $3 AND s.status = 'waiting'
       RETURNING ${STEP_COLUMNS}`,
      [step.quoteId, step.round, step.stepIndex + 1],
    );
    return row;
  }

  /** Ends the quote's undecided steps (a rejection, an edit, a loss). Returns their ids. */
  async cancelUndecided(quoteId: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE approval_steps SET status = 'cancelled'
       WHERE quote_id = $1 AND status IN ('waiting', 'pending') RETURNING id`,
      [quoteId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The latest chain of one quote version, in order; empty when the version
   * was never submitted for approval.
   */
  async chainOf(quoteId: string, version: number): Promise<StepRow[]> {
    return this.tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps s
       WHERE s.quote_id = $1 AND s.round = (
         SELECT max(round) FROM approval_steps WHERE quote_id = $1 AND quote_version = $2)
       ORDER BY s.step_index`,
      [quoteId, version],
    );
  }

  /** The pending steps of these quotes: their deciders may have changed with the owner. */
  async pendingOf(quoteIds: readonly string[]): Promise<StepRow[]> {
    return this.tx.query<StepRow>(
      `SELECT ${STEP_COLUMNS} FROM approval_steps s
       WHERE s.quote_id = ANY ($1::uuid[]) AND s.status = 'pending'`,
      [quoteIds],
    );
  }

  /**
   * `limit + 1` steps for GET /approvals, in `orderBy` (APPROVAL_LIST's):
   * pending ones the caller may decide now, or ones the caller decided.
   * `where` may use the quote's customer `c` (the caller's scope).
   */
  async list(
    principal: Principal,
    statuses: readonly string[],
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<StepListRow[]> {
    const me = params.add(principal.userId);
    const terms: string[] = [];
    if (statuses.includes('pending')) terms.push(`(s.status = 'pending' AND ${DECIDER_SQL})`);
    const decided = statuses.filter((status) => status !== 'pending');
    if (decided.length) {
      terms.push(`(s.status = ANY (${params.add(decided)}::text[]) AND s.decider_id = ${me})`);
    }
    return this.tx.query<StepListRow>(
      `SELECT ${STEP_COLUMNS}, q.number AS "quoteNumber", q.customer_id AS "customerId",
         v.totals->>'amount' AS amount, s.updated_at AS "updatedAt"
       FROM ${STEP_FROM} JOIN users d ON d.id = ${me} JOIN customers c ON c.id = q.customer_id
       WHERE (${terms.join(' OR ')}) AND ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /**
   * A SELECT of NEW_TODO_COLUMNS (see TodosService.createFromSelect): one
   * `approval` todo for each user who may decide each pending step of
   * `stepIds` now (DECIDER_SQL), keyed by (step, user) so none is made twice.
   */
  approvalTodosSelect(stepIds: readonly string[]): { select: string; params: unknown[] } {
    return {
      select: `SELECT 'approval', d.id, q.customer_id,
           '审批报价单 ' || q.number || ' 第 ' || v.version || ' 版',
           jsonb_build_object('quoteId', q.id, 'quoteNumber', q.number, 'quoteVersion', v.version,
             'stepId', s.id, 'stepIndex', s.step_index, 'role', s.role,
             'amount', v.totals->>'amount', 'reason', q.submit_approval->'reason'->>'zh'),
           NULL::timestamptz, ${approvalTodoKey('s.id', 'd.id')}
         FROM ${STEP_FROM} JOIN users d ON ${DECIDER_SQL}
         WHERE s.id = ANY ($1::uuid[]) AND s.status = 'pending'`,
      params: [stepIds],
    };
  }

  /** The todo keys of the users who may decide each of these steps now. */
  async currentTodoKeys(stepIds: readonly string[]): Promise<string[]> {
    const rows = await this.tx.query<{ key: string }>(
      `SELECT ${approvalTodoKey('s.id', 'd.id')} AS key
       FROM ${STEP_FROM} JOIN users d ON ${DECIDER_SQL} WHERE s.id = ANY ($1::uuid[])`,
      [stepIds],
    );
    return rows.map((row) => row.key);
  }
}

/** The dedupe key of a decider's todo for a step: `approval:<step>:<user>`, over SQL expressions. */
function approvalTodoKey(stepId: string, userId: string): string {
  return `'approval:' || ${stepId} || ':' || ${userId}`;
}

/** The prefix that the keys of every todo for a step start with. */
export const approvalTodoPrefix = (stepId: string) => `approval:${stepId}:`;
