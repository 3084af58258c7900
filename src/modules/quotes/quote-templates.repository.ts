import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { TemplateLine } from './quote-template.entity';

export interface TemplateRow {
  id: string;
  name: string;
  lines: TemplateLine[];
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `GET /quote-templates`: by name unless sorted otherwise, as a picker shows them. */
export const QUOTE_TEMPLATE_LIST = defineList({
  keys: {
    name: { column: 't.name', kind: 'text' },
    createdAt: { column: 't.created_at', kind: 'timestamp' },
  },
  defaultSort: 'name',
  id: 't.id',
  updatedAt: 't.updated_at',
});

const TEMPLATE_COLUMNS = `t.id, t.name, t.lines, t.note, t.created_by AS "createdBy",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** SQL over quote_templates: the organisation's, so no data scope applies. */
@Injectable()
export class QuoteTemplatesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts unless the name is taken; the unique index decides, also under concurrency. */
  async insert(
    template: { name: string; lines: TemplateLine[]; note: string | null },
    createdBy: string | null,
  ): Promise<TemplateRow | undefined> {
    const [row] = await this.tx.query<TemplateRow>(
      `INSERT INTO quote_templates AS t (name, lines, note, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING ${TEMPLATE_COLUMNS}`,
      [template.name, JSON.stringify(template.lines), template.note, createdBy],
    );
    return row;
  }

  async findOne(id: string): Promise<TemplateRow | undefined> {
    const [row] = await this.tx.query<TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM quote_templates t WHERE t.id = $1`,
      [id],
    );
    return row;
  }

  async findIdByName(name: string): Promise<string | undefined> {
    const [row] = await this.tx.query<{ id: string }>(
      'SELECT id FROM quote_templates WHERE name = $1',
      [name],
    );
    return row?.id;
  }

  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<TemplateRow[]> {
    return this.tx.query<TemplateRow>(
      `SELECT ${TEMPLATE_COLUMNS} FROM quote_templates t WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }
}
