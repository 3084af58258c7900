import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { CustomFieldEntity, CustomFieldType, FieldDefinition } from './domain/custom-field';

/** A definition's own fields, as its author wrote them. */
export interface CustomFieldFields {
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[] | null;
  required: boolean;
}

export interface CustomFieldRow extends CustomFieldFields {
  id: string;
  createdBy: string | null;
  createdAt: Date;
}

/** `GET /custom-fields`: oldest first (the order a form shows them) unless sorted otherwise. */
export const CUSTOM_FIELD_LIST = defineList({
  keys: {
    createdAt: { column: 'f.created_at', kind: 'timestamp' },
    key: { column: 'f.key', kind: 'text' },
  },
  defaultSort: 'createdAt',
  id: 'f.id',
});

const FIELD_COLUMNS = `f.id, f.entity, f.key, f.label, f.type, f.options, f.required,
  f.created_by AS "createdBy", f.created_at AS "createdAt"`;

/** SQL over custom_fields; every read but the audit's sees live definitions only. */
@Injectable()
export class CustomFieldsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts unless the entity has a live field with the key; the partial unique index decides. */
  async insert(
    field: CustomFieldFields,
    createdBy: string | null,
  ): Promise<CustomFieldRow | undefined> {
    const [row] = await this.tx.query<CustomFieldRow>(
      `INSERT INTO custom_fields AS f (entity, key, label, type, options, required, created_by)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7)
       ON CONFLICT (entity, key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING ${FIELD_COLUMNS}`,
      [field.entity, field.key, field.label, field.type, field.options, field.required, createdBy],
    );
    return row;
  }

  async findLive(id: string): Promise<CustomFieldRow | undefined> {
    const [row] = await this.tx.query<CustomFieldRow>(
      `SELECT ${FIELD_COLUMNS} FROM custom_fields f WHERE f.id = $1 AND f.deleted_at IS NULL`,
      [id],
    );
    return row;
  }

  async findLiveByKey(entity: CustomFieldEntity, key: string): Promise<CustomFieldRow | undefined> {
    const [row] = await this.tx.query<CustomFieldRow>(
      `SELECT ${FIELD_COLUMNS} FROM custom_fields f
       WHERE f.entity = $1 AND f.key = $2 AND f.deleted_at IS NULL`,
      [entity, key],
    );
    return row;
  }

  /** Marks the live definition deleted; returns it, or nothing when there was none. */
  async softDelete(id: string): Promise<CustomFieldRow | undefined> {
    const [row] = await this.tx.query<CustomFieldRow>(
      `UPDATE custom_fields f SET deleted_at = now()
       WHERE f.id = $1 AND f.deleted_at IS NULL RETURNING ${FIELD_COLUMNS}`,
      [id],
    );
    return row;
  }

  /** What a write of `entity` is validated against: its live definitions. */
  async definitionsOf(entity: CustomFieldEntity): Promise<FieldDefinition[]> {
    return this.tx.query<FieldDefinition>(
      `SELECT key, type, options, required FROM custom_fields
       WHERE entity = $1 AND deleted_at IS NULL`,
      [entity],
      { prepare: true },
    );
  }

  /** `limit + 1` live definitions matching `where` (filters and keyset), in `orderBy`. */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<CustomFieldRow[]> {
    return this.tx.query<CustomFieldRow>(
      `SELECT ${FIELD_COLUMNS} FROM custom_fields f
       WHERE f.deleted_at IS NULL AND ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }
}
