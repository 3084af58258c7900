import { Injectable } from '@nestjs/common';
import { advisoryLockKey } from '../../../core/database/advisory-lock';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import { defineList } from '../../../core/http/list-query';
import type { ErpConnection, ErpKind } from '../adapters';

/** As the kind wants them; validated per kind on every write. */
type ErpDefaults = ErpConnection['defaults'];

/** A connection as the API may show it: the sealed credentials are not even selected. */
export interface ErpConnectionRow {
  id: string;
  name: string;
  kind: ErpKind;
  baseUrl: string;
  defaults: ErpDefaults;
  active: boolean;
  timeoutMs: number;
  credentialsSetAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What an adapter is built from: the row with its sealed credentials. */
export interface SealedErpConnection {
  id: string;
  name: string;
  kind: ErpKind;
  baseUrl: string;
  credentials: string;
  defaults: ErpDefaults;
  timeoutMs: number;
  version: number;
}

/** The writable fields, as stored; `credentials` sealed. */
export interface ErpConnectionFields {
  name: string;
  kind: ErpKind;
  baseUrl: string;
  credentials: string;
  defaults: ErpDefaults;
  active: boolean;
  timeoutMs: number;
}

const COLUMNS: Record<keyof ErpConnectionFields, string> = {
  name: 'name',
  kind: 'kind',
  baseUrl: 'base_url',
  credentials: 'credentials',
  defaults: 'defaults',
  active: 'active',
  timeoutMs: 'timeout_ms',
};

const SHOWN_COLUMNS = `c.id, c.name, c.kind, c.base_url AS "baseUrl", c.defaults, c.active,
  c.timeout_ms AS "timeoutMs", c.credentials_set_at AS "credentialsSetAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.version`;

const SEALED_COLUMNS = `c.id, c.name, c.kind, c.base_url AS "baseUrl", c.credentials, c.defaults,
  c.timeout_ms AS "timeoutMs", c.version`;

/** `GET /erp/connections`: the newest first, as an admin looks for the one just added. */
export const ERP_CONNECTION_LIST = defineList({
  keys: {
    name: { column: 'c.name', kind: 'text' },
    createdAt: { column: 'c.created_at', kind: 'timestamp' },
  },
  defaultSort: '-createdAt',
  id: 'c.id',
  updatedAt: 'c.updated_at',
});

const WRITES_LOCK = advisoryLockKey('erp-connections');

@Injectable()
export class ErpConnectionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Serialises the writers of connections until the transaction ends, so two
   * concurrent activations run one after the other and leave exactly one
   * active (the later), instead of the second hitting the unique index.
   * Taken before any row lock, so writers cannot deadlock on each other.
   */
  async lockWrites(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [WRITES_LOCK]);
  }

  async insert(fields: ErpConnectionFields): Promise<ErpConnectionRow> {
    const params = new SqlParams();
    const entries = Object.entries(fields) as [keyof ErpConnectionFields, unknown][];
    const columns = [...entries.map(([field]) => COLUMNS[field]), 'credentials_set_at'];
    const values = [...entries.map(([, value]) => params.add(value)), 'now()'];
    const [row] = await this.tx.query<ErpConnectionRow>(
      `INSERT INTO erp_connections AS c (${columns.join(', ')}) VALUES (${values.join(', ')})
       RETURNING ${SHOWN_COLUMNS}`,
      params.values,
    );
    return row;
  }

  async findOne(id: string, lock = false): Promise<ErpConnectionRow | undefined> {
    const [row] = await this.tx.query<ErpConnectionRow>(
      `SELECT ${SHOWN_COLUMNS} FROM erp_connections c WHERE c.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** `limit + 1` connections matching `where`, in `orderBy` (ERP_CONNECTION_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<ErpConnectionRow[]> {
    return this.tx.query<ErpConnectionRow>(
      `SELECT ${SHOWN_COLUMNS} FROM erp_connections c WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Replaced credentials stamp `credentials_set_at`. */
  async update(id: string, changes: Partial<ErpConnectionFields>): Promise<ErpConnectionRow> {
    const params = new SqlParams();
    const sets = (Object.entries(changes) as [keyof ErpConnectionFields, unknown][]).map(
      ([field, value]) => `${COLUMNS[field]} = ${params.add(value)}`,
    );
    if (changes.credentials !== undefined) sets.push('credentials_set_at = now()');
    const [row] = await this.tx.query<ErpConnectionRow>(
      `UPDATE erp_connections c SET ${[...sets, 'version = version + 1'].join(', ')}
       WHERE c.id = ${params.add(id)} RETURNING ${SHOWN_COLUMNS}`,
      params.values,
    );
    return row;
  }

  /** Deactivates every active connection but `keepId`; answers the ones it changed. */
  async deactivateOthers(keepId: string | null): Promise<ErpConnectionRow[]> {
    return this.tx.query<ErpConnectionRow>(
      `UPDATE erp_connections c SET active = false, version = version + 1
       WHERE c.active AND c.id IS DISTINCT FROM $1 RETURNING ${SHOWN_COLUMNS}`,
      [keepId],
    );
  }

  /** The active connection with its sealed credentials: one indexed row, read on every use. */
  async findActiveSealed(): Promise<SealedErpConnection | undefined> {
    const [row] = await this.tx.query<SealedErpConnection>(
      `SELECT ${SEALED_COLUMNS} FROM erp_connections c WHERE c.active`,
    );
    return row;
  }

  async findSealed(id: string): Promise<SealedErpConnection | undefined> {
    const [row] = await this.tx.query<SealedErpConnection>(
      `SELECT ${SEALED_COLUMNS} FROM erp_connections c WHERE c.id = $1`,
      [id],
    );
    return row;
  }
}
