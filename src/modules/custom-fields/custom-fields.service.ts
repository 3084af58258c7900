import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { InvalidInputException, NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { CustomFieldEntity, OPTION_TYPES } from './domain/custom-field';
import { customFieldProblems } from './domain/custom-field-values';
import {
  CreateCustomFieldDto,
  CustomFieldQueryDto,
  CustomFieldResponse,
} from './dto/custom-field.dto';
import {
  CUSTOM_FIELD_LIST,
  CustomFieldFields,
  CustomFieldRow,
  CustomFieldsRepository,
} from './custom-fields.repository';
import { customFieldMessages, DuplicateCustomFieldException } from './custom-fields.exception';

function toCustomFieldResponse(row: CustomFieldRow): CustomFieldResponse {
  return {
    id: row.id,
    entity: row.entity,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    required: row.required,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The fields as stored, or 400 naming `options` when they do not fit the type. */
function normalised(dto: CreateCustomFieldDto): CustomFieldFields {
  const choosable = OPTION_TYPES.includes(dto.type);
  if (choosable && !dto.options?.length)
    throw new InvalidInputException([
      { field: 'options', message: customFieldMessages.optionsRequired },
    ]);
  if (!choosable && dto.options !== undefined)
    throw new InvalidInputException([
      { field: 'options', message: customFieldMessages.optionsNotAllowed },
    ]);
  return {
    entity: dto.entity,
    key: dto.key,
    label: dto.label,
    type: dto.type,
    options: choosable ? dto.options! : null,
    required: dto.required ?? false,
  };
}

/**
 * Custom fields (API.md §9): admins define them per entity; the customers,
 * follow-ups and quotes modules ask `assertValid` before they write a
 * record's `customFields`.
 */
@Injectable()
export class CustomFieldsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly fields: CustomFieldsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateCustomFieldDto): Promise<CustomFieldResponse> {
    const fields = normalised(dto);
    return this.tx.withTransaction(async () => {
      const row = await this.fields.insert(fields, principal.userId);
      if (!row) {
        const existing = (await this.fields.findLiveByKey(fields.entity, fields.key))!;
        throw new DuplicateCustomFieldException(fields.entity, fields.key, existing.id);
      }
      await this.audit.append({
        actor: principal,
        entity: 'custom_field',
        entityId: row.id,
        action: 'created',
        data: { ...fields },
      });
      return toCustomFieldResponse(row);
    });
  }

  async list(query: CustomFieldQueryDto): Promise<Page<CustomFieldResponse>> {
    const plan = await CUSTOM_FIELD_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.entity) where.push(`f.entity = ANY (${params.add(query.entity)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.fields.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toCustomFieldResponse);
  }

  async get(id: string): Promise<CustomFieldResponse> {
    const row = await this.fields.findLive(id);
    if (!row) throw new NotFoundException(customFieldMessages.customField, id);
    return toCustomFieldResponse(row);
  }

  /** Retires the definition; the values records already carry stay, as history. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.tx.withTransaction(async () => {
      const row = await this.fields.softDelete(id);
      if (!row) throw new NotFoundException(customFieldMessages.customField, id);
      await this.audit.append({
        actor: principal,
        entity: 'custom_field',
        entityId: id,
        action: 'deleted',
        data: { entity: row.entity, key: row.key },
      });
    });
  }

  /** The live definition of `key` on `entity`, or 404 naming it. */
  async liveField(entity: CustomFieldEntity, key: string): Promise<CustomFieldResponse> {
    const row = await this.fields.findLiveByKey(entity, key);
    if (!row) throw new NotFoundException(customFieldMessages.customField, `${entity}.${key}`);
    return toCustomFieldResponse(row);
  }

  /**
   * 400 naming each bad `customFields.<key>` of a record of `entity` about to
   * be written with `values`; `kept` is what it held before (see
   * customFieldProblems for why).
   */
  async assertValid(
    entity: CustomFieldEntity,
    values: Record<string, unknown>,
    kept: Record<string, unknown> = {},
  ): Promise<void> {
    const definitions = await this.fields.definitionsOf(entity);
    const problems = customFieldProblems(definitions, values, kept);
    if (problems.length) throw new InvalidInputException(problems);
  }
}
