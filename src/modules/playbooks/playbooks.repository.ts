import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import { PlaybookKind } from './playbook.entity';

/** A playbook row as the SQL below returns it (camelCase). */
export interface PlaybookRow {
  id: string;
  title: string;
  kind: PlaybookKind;
  content: string;
  attachmentIds: string[];
  createdBy: string | null;
  createdAt: Date;
  version: number;
}

export type NewPlaybook = Omit<PlaybookRow, 'id' | 'createdAt' | 'version'>;

export type PlaybookSummaryRow = Pick<PlaybookRow, 'id' | 'title' | 'kind' | 'attachmentIds'>;

/** `GET /playbooks`: newest first unless sorted otherwise. Playbooks are not edited, so no sync. */
export const PLAYBOOK_LIST = defineList({
  keys: {
    createdAt: { column: 'p.created_at', kind: 'timestamp' },
    title: { column: 'p.title', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'p.id',
});

const PLAYBOOK_COLUMNS = `p.id, p.title, p.kind, p.content, p.attachment_ids AS "attachmentIds",
  p.created_by AS "createdBy", p.created_at AS "createdAt", p.version`;

/** SQL over the playbooks table; playbooks are visible to every authenticated caller. */
@Injectable()
export class PlaybooksRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(playbook: NewPlaybook): Promise<PlaybookRow> {
    const [row] = await this.tx.query<PlaybookRow>(
      `INSERT INTO playbooks AS p (title, kind, content, attachment_ids, created_by)
       VALUES ($1, $2, $3, $4::uuid[], $5) RETURNING ${PLAYBOOK_COLUMNS}`,
      [playbook.title, playbook.kind, playbook.content, playbook.attachmentIds, playbook.createdBy],
    );
    return row;
  }

  async findOne(id: string): Promise<PlaybookRow | undefined> {
    const [row] = await this.tx.query<PlaybookRow>(
      `SELECT ${PLAYBOOK_COLUMNS} FROM playbooks p WHERE p.id = $1`,
      [id],
    );
    return row;
  }

  async exists(id: string): Promise<boolean> {
    const [row] = await this.tx.query('SELECT 1 FROM playbooks WHERE id = $1', [id]);
    return row !== undefined;
  }

  /** `limit + 1` playbooks matching `where` (filters and keyset), in `orderBy` (PLAYBOOK_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<PlaybookRow[]> {
    return this.tx.query<PlaybookRow>(
      `SELECT ${PLAYBOOK_COLUMNS} FROM playbooks p WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** The playbooks of `ids` (UUIDs) that exist, in the order given. */
  async summaries(ids: string[]): Promise<PlaybookSummaryRow[]> {
    return this.tx.query<PlaybookSummaryRow>(
      `SELECT p.id, p.title, p.kind, p.attachment_ids AS "attachmentIds"
       FROM unnest($1::uuid[]) WITH ORDINALITY AS given(id, position)
       JOIN playbooks p ON p.id = given.id
       ORDER BY given.position`,
      [ids],
    );
  }
}
