import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { AuditService } from '../../../core/audit/audit.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import {
  InvalidInputException,
  NotFoundException,
  StaleVersionException,
} from '../../../core/errors/domain.exception';
import { Page } from '../../../core/http/pagination';
import { DEFAULT_ERP_TIMEOUT_MS } from '../adapters';
import { CredentialCipher } from './credential-cipher';
import {
  CreateErpConnectionDto,
  ErpConnectionQueryDto,
  ErpConnectionResponse,
  UpdateErpConnectionDto,
} from './dto/erp-connection.dto';
import { kindPartErrors } from './dto/erp-kind.dto';
import { erpConnectionMessages, ErpKindImmutableException } from './erp-connections.exception';
import {
  ERP_CONNECTION_LIST,
  ErpConnectionFields,
  ErpConnectionRow,
  ErpConnectionsRepository,
} from './erp-connections.repository';

export function toErpConnectionResponse(row: ErpConnectionRow): ErpConnectionResponse {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    defaults: row.defaults,
    active: row.active,
    timeoutMs: row.timeoutMs,
    credentialsSetAt: row.credentialsSetAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The fields the audit trail keeps: everything but the credentials, of which it notes only a change. */
type AuditedField = Exclude<keyof ErpConnectionFields, 'credentials'>;
const AUDITED_FIELDS: AuditedField[] = [
  'name',
  'kind',
  'baseUrl',
  'defaults',
  'active',
  'timeoutMs',
];

const pick = (row: ErpConnectionRow, fields: AuditedField[]) =>
  Object.fromEntries(fields.map((field) => [field, row[field]]));

/** Compares values, not classes: a validated DTO's `defaults` against the stored plain object. */
const plain = (value: unknown) =>
  typeof value === 'object' && value !== null ? { ...value } : value;

/** The fields of a PATCH that differ from the row; credentials are not compared, never read back. */
function changedFields(row: ErpConnectionRow, dto: UpdateErpConnectionDto): AuditedField[] {
  return AUDITED_FIELDS.filter(
    (field) => dto[field] !== undefined && !isDeepStrictEqual(plain(dto[field]), plain(row[field])),
  );
}

/** ERP connections (API.md §6), admin-only. Credentials go in sealed and never come out. */
@Injectable()
export class ErpConnectionsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly connections: ErpConnectionsRepository,
    private readonly cipher: CredentialCipher,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateErpConnectionDto): Promise<ErpConnectionResponse> {
    const fields: ErpConnectionFields = {
      name: dto.name,
      kind: dto.kind,
      baseUrl: dto.baseUrl,
      credentials: this.cipher.seal({ ...dto.credentials }),
      defaults: { ...dto.defaults },
      active: dto.active,
      timeoutMs: dto.timeoutMs ?? DEFAULT_ERP_TIMEOUT_MS,
    };
    return this.tx.withTransaction(async () => {
      await this.connections.lockWrites();
      if (fields.active) await this.deactivateOthers(principal, null);
      const row = await this.connections.insert(fields);
      await this.audit.append({
        actor: principal,
        entity: 'erp_connection',
        entityId: row.id,
        action: 'created',
        data: pick(row, AUDITED_FIELDS),
      });
      return toErpConnectionResponse(row);
    });
  }

  async list(query: ErpConnectionQueryDto): Promise<Page<ErpConnectionResponse>> {
    const plan = await ERP_CONNECTION_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE', ...plan.where(params)];
    const rows = await this.connections.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toErpConnectionResponse);
  }

  async get(id: string): Promise<ErpConnectionResponse> {
    const row = await this.connections.findOne(id);
    if (!row) throw new NotFoundException(erpConnectionMessages.connection, id);
    return toErpConnectionResponse(row);
  }

  /**
   * `credentials` and `defaults` are replaced whole and must fit the stored
   * kind. Activating deactivates the others in the same transaction.
   */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateErpConnectionDto,
    expectedVersion?: number,
  ): Promise<ErpConnectionResponse> {
    return this.tx.withTransaction(async () => {
      await this.connections.lockWrites();
      const current = await this.connections.findOne(id, true);
      if (!current) throw new NotFoundException(erpConnectionMessages.connection, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(
          erpConnectionMessages.connection,
          expectedVersion,
          current.version,
        );
      }
      if (dto.kind !== undefined && dto.kind !== current.kind) {
        throw new ErpKindImmutableException(current.kind);
      }
      const errors = kindPartErrors(current.kind, dto);
      if (errors.length) throw new InvalidInputException(errors);
      const changed = changedFields(current, dto);
      const replacesCredentials = dto.credentials !== undefined;
      if (!changed.length && !replacesCredentials) return toErpConnectionResponse(current);
      if (dto.active && !current.active) await this.deactivateOthers(principal, id);
      const changes: Partial<ErpConnectionFields> = Object.fromEntries(
        changed.map((field) => [field, dto[field]]),
      );
      if (replacesCredentials) changes.credentials = this.cipher.seal({ ...dto.credentials });
      const row = await this.connections.update(id, changes);
      await this.audit.append({
        actor: principal,
        entity: 'erp_connection',
        entityId: id,
        action: 'updated',
        data: {
          version: row.version,
          before: pick(current, changed),
          after: pick(row, changed),
          ...(replacesCredentials && { credentialsReplaced: true }),
        },
      });
      return toErpConnectionResponse(row);
    });
  }

  /** One active connection at a time: the one being activated displaces the others, each audited. */
  private async deactivateOthers(principal: Principal, keepId: string | null): Promise<void> {
    for (const row of await this.connections.deactivateOthers(keepId)) {
      await this.audit.append({
        actor: principal,
        entity: 'erp_connection',
        entityId: row.id,
        action: 'deactivated',
        data: { version: row.version, before: { active: true }, after: { active: false } },
      });
    }
  }
}
