import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { decodeCursor, Page, toPage } from '../../core/http/pagination';
import { TodoQueryDto, TodoResponse } from './dto/todo.dto';
import { TodoType } from './todo.entity';
import { TodoRow, TodosRepository } from './todos.repository';

function toTodoResponse(row: TodoRow): TodoResponse {
  return {
    ...row,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * Todos belong to their assignee: a caller lists and completes its own, and
 * anyone else's answer 404. API keys act for no user and so have none.
 */
@Injectable()
export class TodosService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly todos: TodosRepository,
  ) {}

  /**
   * Creates the todos a rule's SELECT yields (columns: NEW_TODO_COLUMNS), in
   * the caller's transaction; those whose dedupe key exists are skipped.
   * Returns how many were created.
   */
  createFromSelect(select: string, params: unknown[]): Promise<number> {
    return this.todos.insertFromSelect(select, params);
  }

  /** Marks the open todos of `type` about a customer done: what they asked for has happened. */
  completeOpenForCustomer(customerId: string, type: TodoType): Promise<number> {
    return this.todos.completeOpenForCustomer(customerId, type);
  }

  async list(principal: Principal, query: TodoQueryDto): Promise<Page<TodoResponse>> {
    if (!principal.userId) return { items: [], nextCursor: null };
    const params = new SqlParams();
    const where = [`t.assignee_id = ${params.add(principal.userId)}`];
    if (query.status) where.push(`t.status = ${params.add(query.status)}`);
    if (query.type) where.push(`t.type = ${params.add(query.type)}`);
    if (query.customerId) where.push(`t.customer_id = ${params.add(query.customerId)}`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      where.push(
        `(t.created_at, t.id) < (${params.add(createdAt)}::timestamptz, ${params.add(id)}::uuid)`,
      );
    }
    const rows = await this.todos.list(params, where, query.limit);
    return toPage(
      rows,
      query.limit,
      (row) => [row.createdAt.toISOString(), row.id],
      toTodoResponse,
    );
  }

  async update(
    principal: Principal,
    id: string,
    status: TodoResponse['status'],
    expectedVersion?: number,
  ): Promise<TodoResponse> {
    return this.tx.withTransaction(async () => {
      const current = principal.userId
        ? await this.todos.findAssigned(id, principal.userId, true)
        : undefined;
      if (!current) throw new NotFoundException('Todo', id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException('Todo', expectedVersion, current.version);
      }
      if (current.status === status) return toTodoResponse(current);
      return toTodoResponse(await this.todos.setStatus(id, status));
    });
  }
}
