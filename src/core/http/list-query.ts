import { SqlParams } from '../database/sql-params';
import type { TransactionHost } from '../database/transaction-host';
import { InvalidInputException } from '../errors/domain.exception';
import {
  CursorKey,
  CursorPart,
  decodeCursor,
  InvalidCursorException,
  Page,
  toPage,
} from './pagination';
import { readSyncHorizon } from './sync-horizon';
import { httpMessages } from './http.messages';

/**
 * Every list of the API sorts, pages and syncs through this file (API.md §0):
 *
 *   // repository: the list's keys and the columns behind them
 *   export const CUSTOMER_LIST = defineList({
 *     keys: { createdAt: { column: 'c.created_at', kind: 'timestamp' }, name: { column: 'c.name', kind: 'text' } },
 *     defaultSort: '-createdAt',
 *     id: 'c.id',
 *     updatedAt: 'c.updated_at', // a mutable resource: adds the key updatedAt and ?updatedSince=
 *   });
 *   // DTO: class CustomerQueryDto extends ListQueryDto(CUSTOMER_LIST) { @AnyOf(...) stage?: Stage[] }
 *   // service:
 *   const list = await CUSTOMER_LIST.plan(query, this.tx);
 *   where.push(...list.where(params));
 *   … ORDER BY ${list.orderBy} LIMIT ${params.add(query.limit + 1)}
 *   return list.page(rows, toResponse);
 *
 * Pages are keyset pages: the cursor holds the sort it was issued for and the
 * last row's key and id, so the next page starts right after that row
 * whatever was inserted or deleted meanwhile.
 */

/** What a sort key's column holds; it decides the cursor check and the SQL cast. */
export type SortKind = 'timestamp' | 'text' | 'integer';

export interface SortKey {
  /** The SQL expression, over the list's table alias, e.g. `c.created_at`. */
  column: string;
  /**
   * A timestamp column holds milliseconds (`timestamptz(3)`, as every one of
   * ours), since the cursor carries the row's value as a JavaScript Date.
   */
  kind: SortKind;
  /**
   * A nullable column says where null sorts: as the lowest value (first
   * ascending, last descending) or as the highest. Say what null means, e.g.
   * a customer never heard from has the oldest `lastInteractionAt` (lowest),
   * a todo without a due date is the least urgent (highest).
   */
  nulls?: 'lowest' | 'highest';
  /** The row property holding the column's value; the key's own name by default. */
  field?: string;
}

/** The unique column that orders rows whose sort key is equal. */
export interface TieBreaker {
  column: string;
  kind: 'uuid' | 'integer';
  /** The row property holding it. */
  field: string;
}

export interface ListDeclaration {
  /** The keys `?sort=` takes, by their API names (the response's field names). */
  keys: Record<string, SortKey>;
  /** The order without `?sort=`: a key, or `-key` for descending. */
  defaultSort: string;
  /** The tie-breaker: a uuid column such as `c.id` (in the row's `id`), or a TieBreaker. */
  id: string | TieBreaker;
  /**
   * A mutable resource's `updated_at` column, stamped on every write by the
   * trigger stamp_updated_at (see sync-horizon.ts for why it must be that
   * trigger). It adds the key `updatedAt` and the parameter `?updatedSince=`.
   */
  updatedAt?: string;
}

/** The list parameters of a request, as the DTO (ListQueryDto) has validated them. */
export interface ListRequest {
  limit: number;
  cursor?: string;
  sort?: string;
  updatedSince?: string;
}

const UPDATED_AT = 'updatedAt';

const SQL_TYPES: Record<SortKind | TieBreaker['kind'], string> = {
  timestamp: 'timestamptz',
  text: 'text',
  integer: 'bigint',
  uuid: 'uuid',
};

interface Sort {
  /** As the request gave it, e.g. `-createdAt`; cursors carry it. */
  value: string;
  key: SortKey & { field: string };
  descending: boolean;
}

export class ListDefinition {
  /** Every value `?sort=` takes: each key, and each key with `-`. */
  readonly sorts: readonly string[];
  readonly defaultSort: string;
  /** Whether the list takes `?updatedSince=`: it lists a mutable resource. */
  readonly syncs: boolean;
  private readonly keys: ReadonlyMap<string, SortKey & { field: string }>;
  private readonly id: TieBreaker;

  constructor(declaration: ListDeclaration) {
    const keys = { ...declaration.keys };
    if (declaration.updatedAt)
      keys[UPDATED_AT] = { column: declaration.updatedAt, kind: 'timestamp' };
    this.keys = new Map(
      Object.entries(keys).map(([name, key]) => [name, { ...key, field: key.field ?? name }]),
    );
    this.sorts = [...this.keys.keys()].flatMap((name) => [name, `-${name}`]);
    if (!this.sorts.includes(declaration.defaultSort)) {
      throw new Error(
        `defaultSort ${declaration.defaultSort} is not one of ${this.sorts.join(', ')}`,
      );
    }
    this.defaultSort = declaration.defaultSort;
    this.syncs = declaration.updatedAt !== undefined;
    this.id =
      typeof declaration.id === 'string'
        ? { column: declaration.id, kind: 'uuid', field: 'id' }
        : declaration.id;
  }

  /** The `sort` parameter's description in the OpenAPI spec. */
  get sortDescription(): string {
    const nullable = [...this.keys]
      .filter(([, key]) => key.nulls)
      .map(
        ([name, key]) =>
          `Rows without \`${name}\` sort as its ${key.nulls} value ` +
          `(${key.nulls === 'lowest' ? 'first ascending, last descending' : 'last ascending, first descending'}).`,
      );
    return [
      'A key to order by, with `-` for descending; ties are broken by id.',
      `Default: \`${this.defaultSort}\`.`,
      ...nullable,
      ...(this.syncs ? ['With `updatedSince` the order is `updatedAt`, oldest first.'] : []),
      'A `cursor` is valid only with the sort it came from.',
    ].join(' ');
  }

  /**
   * The order, keyset and sync window of one request. An `updatedSince`
   * request reads the sync horizon first (see sync-horizon.ts), in a
   * statement of its own, before the list's query takes its snapshot.
   */
  async plan(request: ListRequest, db: Pick<TransactionHost, 'query'>): Promise<ListPlan> {
    const sort = this.sortOf(request);
    const after = request.cursor === undefined ? undefined : this.decodeAfter(request.cursor, sort);
    const since = request.updatedSince
      ? { from: request.updatedSince, horizon: await readSyncHorizon(db) }
      : undefined;
    return new ListPlan(sort, this.id, request.limit, after, since);
  }

  private sortOf(request: ListRequest): Sort {
    if (request.updatedSince && request.sort !== undefined && request.sort !== UPDATED_AT) {
      throw new InvalidInputException([
        {
          field: 'sort',
          message: httpMessages.sortWithUpdatedSince,
        },
      ]);
    }
    const value = request.sort ?? (request.updatedSince ? UPDATED_AT : this.defaultSort);
    const descending = value.startsWith('-');
    const key = this.keys.get(descending ? value.slice(1) : value);
    if (!key) {
      throw new InvalidInputException([
        { field: 'sort', message: httpMessages.sortKeys(this.sorts) },
      ]);
    }
    return { value, key, descending };
  }

  /** The keyset after which the page starts; a cursor of another sort is 400 INVALID_CURSOR. */
  private decodeAfter(cursor: string, sort: Sort): CursorKey {
    const keyPart: CursorPart = sort.key.nulls ? `${sort.key.kind}?` : sort.key.kind;
    const parts: CursorPart[] = ['text', keyPart];
    if (!isTieBreaker(sort.key, this.id)) parts.push(this.id.kind);
    const [issuedFor, ...after] = decodeCursor(cursor, parts);
    if (issuedFor !== sort.value) {
      throw new InvalidCursorException(
        httpMessages.cursorOfAnotherSort,
        httpMessages.cursorSort(String(issuedFor), sort.value),
      );
    }
    return after;
  }
}

export function defineList(declaration: ListDeclaration): ListDefinition {
  return new ListDefinition(declaration);
}

/** Sorting by the tie-breaker itself (audit events by seq) needs no second column. */
function isTieBreaker(key: SortKey, id: TieBreaker): boolean {
  return key.column === id.column;
}

/** One request's page: the predicates and order to put in its SQL, and the page made of the rows. */
export class ListPlan {
  constructor(
    private readonly sort: Sort,
    private readonly id: TieBreaker,
    private readonly limit: number,
    private readonly after: CursorKey | undefined,
    private readonly since: { from: string; horizon: Date | null } | undefined,
  ) {}

  /** For ORDER BY: the key (nulls where the key says), then the tie-breaker, in one direction. */
  get orderBy(): string {
    const { key, descending } = this.sort;
    const direction = descending ? 'DESC' : 'ASC';
    const nulls = key.nulls ? (this.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : '';
    const first = `${key.column} ${direction}${nulls}`;
    return isTieBreaker(key, this.id) ? first : `${first}, ${this.id.column} ${direction}`;
  }

  /** The predicates of this page, to AND with the route's own: the sync window and the keyset. */
  where(params: SqlParams): string[] {
    const terms: string[] = [];
    if (this.since) {
      const { from, horizon } = this.since;
      const column = this.sort.key.column;
      terms.push(
        `${column} >= ${params.add(from)}::timestamptz`,
        horizon ? `${column} < ${params.add(horizon)}::timestamptz` : 'FALSE',
      );
    }
    if (this.after) terms.push(this.afterSql(this.after, params));
    return terms;
  }

  /**
   * The page of `rows`, fetched with `limit + 1` as the SQL limit: the extra
   * row only proves that another page follows. The cursor points after the last row.
   */
  page<Row extends object, Item>(rows: Row[], map: (row: Row) => Item): Page<Item> {
    return toPage(rows, this.limit, (row) => this.cursorKey(row), map);
  }

  /** Whether null rows come before the others in this direction. */
  private get nullsFirst(): boolean {
    return (this.sort.key.nulls === 'lowest') !== this.sort.descending;
  }

  /**
   * Rows after (key, id) in this order. A row comparison where it can be (one
   * index range); a null key is compared by hand, since a row comparison with
   * a null in it is null.
   */
  private afterSql([value, id]: CursorKey, params: SqlParams): string {
    const { key, descending } = this.sort;
    const op = descending ? '<' : '>';
    const param = (part: unknown, kind: keyof typeof SQL_TYPES) =>
      `${params.add(part)}::${SQL_TYPES[kind]}`;
    if (isTieBreaker(key, this.id)) return `${key.column} ${op} ${param(value, key.kind)}`;
    if (value === null) {
      const amongNulls = `(${key.column} IS NULL AND ${this.id.column} ${op} ${param(id, this.id.kind)})`;
      return this.nullsFirst ? `(${amongNulls} OR ${key.column} IS NOT NULL)` : amongNulls;
    }
    const rowAfter = `(${key.column}, ${this.id.column}) ${op} (${param(value, key.kind)}, ${param(id, this.id.kind)})`;
    return key.nulls && !this.nullsFirst ? `(${rowAfter} OR ${key.column} IS NULL)` : rowAfter;
  }

  private cursorKey(row: object): CursorKey {
    const { key } = this.sort;
    const values = [cursorValue(row, key.field)];
    if (!isTieBreaker(key, this.id)) values.push(cursorValue(row, this.id.field));
    return [this.sort.value, ...values];
  }
}

/** A row's value as a cursor part: times as ISO-8601 UTC, which the cursor check reads back. */
function cursorValue(row: object, field: string): string | number | null {
  const value = (row as Record<string, unknown>)[field];
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`The list's rows hold no sortable value in ${field}`);
}
