import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { TodoStatus, TodoType } from './todo.entity';

export interface TodoRow {
  id: string;
  type: TodoType;
  assigneeId: string;
  customerId: string | null;
  title: string;
  payload: Record<string, unknown>;
  dueAt: Date | null;
  status: TodoStatus;
  createdAt: Date;
  completedAt: Date | null;
  version: number;
}

const TODO_COLUMNS = `t.id, t.type, t.assignee_id AS "assigneeId", t.customer_id AS "customerId",
  t.title, t.payload, t.due_at AS "dueAt", t.status, t.created_at AS "createdAt",
  t.completed_at AS "completedAt", t.version`;

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

  /** The assignee's todos matching `where`, newest first, keyset on (created_at, id). */
  async list(params: SqlParams, where: string[], limit: number): Promise<TodoRow[]> {
    return this.tx.query<TodoRow>(
      `SELECT ${TODO_COLUMNS} FROM todos t WHERE ${where.join(' AND ')}
       ORDER BY t.created_at DESC, t.id DESC LIMIT ${params.add(limit + 1)}`,
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

  async setStatus(id: string, status: TodoStatus): Promise<TodoRow> {
    const [row] = await this.tx.query<TodoRow>(
      `UPDATE todos t SET status = $2,
         completed_at = CASE WHEN $2 = 'done' THEN now() END, version = version + 1
       WHERE t.id = $1 RETURNING ${TODO_COLUMNS}`,
      [id, status],
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
}
