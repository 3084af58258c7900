import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import { TodoResolution, TodoStatus, TodoType } from './todo.entity';

export interface TodoRow {
  id: string;
  type: TodoType;
  assigneeId: string;
  customerId: string | null;
  title: string;
  payload: Record<string, unknown>;
  dueAt: Date | null;
  status: TodoStatus;
  resolution: TodoResolution | null;
  note: string | null;
  createdAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
  version: number;
}

/** `GET /todos`: newest first unless sorted otherwise; a todo without a due date is the least urgent. */
export const TODO_LIST = defineList({
  keys: {
    createdAt: { column: 't.created_at', kind: 'timestamp' },
    dueAt: { column: 't.due_at', kind: 'timestamp', nulls: 'highest' },
  },
  defaultSort: '-createdAt',
  id: 't.id',
  updatedAt: 't.updated_at',
});

const TODO_COLUMNS = `t.id, t.type, t.assignee_id AS "assigneeId", t.customer_id AS "customerId",
  t.title, t.payload, t.due_at AS "dueAt", t.status, t.resolution, t.note, t.created_at AS "createdAt",
  t.completed_at AS "completedAt", t.updated_at AS "updatedAt", t.version`;

/**
 * The columns, in order, that a SELECT handed to `insertFromSelect` yields.
 * `dedupe_key` names what the todo is about; a row whose key exists is skipped.
 */
export const NEW_TODO_COLUMNS = [
  'type',
  'assignee_id',
  'customer_id',
  'title',
  'payload',
  'due_at',
  'dedupe_key',
] as const;

@Injectable()
export class TodosRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One INSERT … SELECT for a whole scan's todos. ON CONFLICT on the unique
   * dedupe key makes a re-run, or a concurrent run, add nothing twice.
   */
  async insertFromSelect(select: string, params: unknown[]): Promise<number> {
    const [{ created }] = await this.tx.query<{ created: number }>(
      `WITH inserted AS (
         INSERT INTO todos (${NEW_TODO_COLUMNS.join(', ')}) ${select}
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
       ) SELECT count(*)::int AS created FROM inserted`,
      params,
    );
    return created;
  }

  /** `limit + 1` todos matching `where` (the assignee, filters and keyset), in `orderBy` (TODO_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<TodoRow[]> {
    return this.tx.query<TodoRow>(
      `SELECT ${TODO_COLUMNS} FROM todos t WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  async findAssigned(id: string, assigneeId: string, lock = false): Promise<TodoRow | undefined> {
    const [row] = await this.tx.query<TodoRow>(
      `SELECT ${TODO_COLUMNS} FROM todos t WHERE t.id = $1 AND t.assignee_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, assigneeId],
    );
    return row;
  }

  /** Sets the status with its judgement (null for todos that take none); reopening clears both. */
  async setStatus(
    id: string,
    status: TodoStatus,
    resolution: TodoResolution | null = null,
    note: string | null = null,
  ): Promise<TodoRow> {
    const [row] = await this.tx.query<TodoRow>(
      `UPDATE todos t SET status = $2,
         completed_at = CASE WHEN $2 = 'done' THEN coalesce(t.completed_at, now()) END,
         resolution = $3, note = $4, version = version + 1
       WHERE t.id = $1 RETURNING ${TODO_COLUMNS}`,
      [id, status, resolution, note],
    );
    return row;
  }

  /** Closes the open todos of `type` about a customer, e.g. silent-period todos once it is heard from. */
  async completeOpenForCustomer(customerId: string, type: TodoType): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE todos SET status = 'done', completed_at = now(), version = version + 1
       WHERE customer_id = $1 AND type = $2 AND status = 'open' RETURNING 1`,
      [customerId, type],
    );
    return rows.length;
  }

  /**
   * Closes open todos of `type` about these customers whose dedupe key starts
   * with one of `keyPrefixes`, except those whose key is in `keepKeys`. The
   * customers bound the search to their open todos (todos_customer_open_idx).
   */
  async completeOpenByKey(
    type: TodoType,
    customerIds: readonly string[],
    keyPrefixes: readonly string[],
    keepKeys: readonly string[],
  ): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE todos SET status = 'done', completed_at = now(), version = version + 1
       WHERE customer_id = ANY ($1::uuid[]) AND status = 'open' AND type = $2
         AND EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(dedupe_key, p))
         AND NOT (dedupe_key = ANY ($4::text[]))
       RETURNING 1`,
      [customerIds, type, keyPrefixes, keepKeys],
    );
    return rows.length;
  }

  /** Reopens the done todos of `type` about these customers whose dedupe key is in `keys`. */
  async reopenByKey(
    type: TodoType,
    customerIds: readonly string[],
    keys: readonly string[],
  ): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE todos SET status = 'open', completed_at = NULL, version = version + 1
       WHERE customer_id = ANY ($1::uuid[]) AND type = $2 AND status = 'done'
         AND dedupe_key = ANY ($3::text[])
       RETURNING 1`,
      [customerIds, type, keys],
    );
    return rows.length;
  }

  async reassignOpen(fromUserId: string, toUserId: string, customerIds: string[]): Promise<number> {
    const rows = await this.tx.query(
      `UPDATE todos SET assignee_id = $2, version = version + 1, updated_at = now()
       WHERE assignee_id = $1 AND status = 'open' AND customer_id = ANY ($3::uuid[]) RETURNING 1`,
      [fromUserId, toUserId, customerIds],
    );
    return rows.length;
  }
}
