import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import {
  InvalidInputException,
  NotFoundException,
  StaleVersionException,
} from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { utcTimesIn } from '../../core/http/timestamps';
import { TodoQueryDto, TodoResponse, UpdateTodoDto } from './dto/todo.dto';
import { TodoType } from './todo.entity';
import { TODO_LIST, TodoRow, TodosRepository } from './todos.repository';
import { todoMessages } from './todos.messages';

function toTodoResponse(row: TodoRow): TodoResponse {
  return {
    ...row,
    // Payloads written before times were stored in UTC said `+00:00`.
    payload: utcTimesIn(row.payload) as Record<string, unknown>,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A `funnel_anomaly` todo is closed with a judgement (API.md §8), and only
 * it: `resolution` is required for `status: "done"` on one, and 400 on any
 * other todo or status; `note` goes only with a `resolution`.
 */
function checkJudgement(
  todo: TodoRow,
  status: UpdateTodoDto['status'],
  resolution: UpdateTodoDto['resolution'],
  note: UpdateTodoDto['note'],
): void {
  const judged = todo.type === 'funnel_anomaly' && status === 'done';
  if (judged && resolution === undefined) {
    throw new InvalidInputException([
      { field: 'resolution', message: todoMessages.resolutionRequired },
    ]);
  }
  if (!judged && resolution !== undefined) {
    throw new InvalidInputException([
      { field: 'resolution', message: todoMessages.resolutionNotAllowed },
    ]);
  }
  if (note !== undefined && resolution === undefined) {
    throw new InvalidInputException([
      { field: 'note', message: todoMessages.noteWithoutResolution },
    ]);
  }
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

  /**
   * Marks done the open todos of `type` about these customers whose dedupe key
   * starts with one of `keyPrefixes`, keeping those keyed in `keepKeys`: e.g.
   * the approval todos of a decided step, or of deciders who no longer are.
   */
  completeOpenByKey(
    type: TodoType,
    customerIds: readonly string[],
    keyPrefixes: readonly string[],
    keepKeys: readonly string[] = [],
  ): Promise<number> {
    if (!keyPrefixes.length) return Promise.resolve(0);
    return this.todos.completeOpenByKey(type, customerIds, keyPrefixes, keepKeys);
  }

  /**
   * Reopens done todos of `type` about these customers by dedupe key: what
   * they ask for is wanted again (a decider whose step came back to them).
   * A key's todo exists once, so reopening is how a rule asks a second time.
   */
  reopenByKey(
    type: TodoType,
    customerIds: readonly string[],
    keys: readonly string[],
  ): Promise<number> {
    if (!keys.length) return Promise.resolve(0);
    return this.todos.reopenByKey(type, customerIds, keys);
  }

  /** Handover: `fromUserId`'s open todos about these customers go to `toUserId`. Returns how many. */
  reassignOpen(fromUserId: string, toUserId: string, customerIds: string[]): Promise<number> {
    return this.todos.reassignOpen(fromUserId, toUserId, customerIds);
  }

  async list(principal: Principal, query: TodoQueryDto): Promise<Page<TodoResponse>> {
    const plan = await TODO_LIST.plan(query, this.tx);
    if (!principal.userId) return { items: [], nextCursor: null };
    const params = new SqlParams();
    const where = [`t.assignee_id = ${params.add(principal.userId)}`];
    if (query.status) where.push(`t.status = ANY (${params.add(query.status)}::text[])`);
    if (query.type) where.push(`t.type = ANY (${params.add(query.type)}::text[])`);
    if (query.customerId)
      where.push(`t.customer_id = ANY (${params.add(query.customerId)}::uuid[])`);
    where.push(...plan.where(params));
    const rows = await this.todos.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toTodoResponse);
  }

  async update(
    principal: Principal,
    id: string,
    { status, resolution, note }: UpdateTodoDto,
    expectedVersion?: number,
  ): Promise<TodoResponse> {
    return this.tx.withTransaction(async () => {
      const current = principal.userId
        ? await this.todos.findAssigned(id, principal.userId, true)
        : undefined;
      if (!current) throw new NotFoundException(todoMessages.todo, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(todoMessages.todo, expectedVersion, current.version);
      }
      checkJudgement(current, status, resolution, note);
      const judged = resolution ?? null;
      const noted = note ?? null;
      if (current.status === status && current.resolution === judged && current.note === noted)
        return toTodoResponse(current);
      return toTodoResponse(await this.todos.setStatus(id, status, judged, noted));
    });
  }
}
