import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { callerKey, Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { AttachmentSubject, SubjectType } from './attachment-subject';

/** An attachment row as the SQL below returns it (camelCase). */
export interface AttachmentRow {
  id: string;
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
  createdAt: Date;
}

export type NewAttachment = Omit<AttachmentRow, 'id' | 'createdAt'> & {
  uploadedBy: string | null;
  uploaderKey: string;
};

/** Subjects every authenticated caller may read, and so their attachments too. */
const SUBJECTS_VISIBLE_TO_ALL: readonly SubjectType[] = ['playbook'];

const ATTACHMENT_COLUMNS = `a.id, a.sha256, a.size, a.mime_type AS "mimeType",
  a.file_name AS "fileName", a.created_at AS "createdAt"`;

/**
 * Over attachments `a`: what `principal` may read. Its own uploads; all, for
 * roles that see all; else those linked to a subject everyone may read, or
 * to a customer in the caller's data scope. The scope is defined over a
 * customer's owner, so this reads `customers.owner_id`, as every module
 * whose rows hang on a customer must.
 */
export function visibleAttachmentSql(
  scope: DataScopeService,
  principal: Principal,
  params: SqlParams,
): string {
  if (scope.scopeOf(principal).all) return 'TRUE';
  return `(a.uploader_key = ${params.add(callerKey(principal))} OR EXISTS (
    SELECT 1 FROM attachment_links l
    WHERE l.attachment_id = a.id AND (
      l.subject_type = ANY (${params.add(SUBJECTS_VISIBLE_TO_ALL)}::text[])
      OR EXISTS (SELECT 1 FROM customers c
                 WHERE c.id = l.customer_id AND ${scope.predicate(principal, 'c.owner_id', params)}))))`;
}

/** SQL over attachments, their blobs and links. Reads take the visibility predicate from the service. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async hasBlob(sha256: string): Promise<boolean> {
    const [row] = await this.tx.query('SELECT 1 FROM attachment_blobs WHERE sha256 = $1', [sha256]);
    return row !== undefined;
  }

  /** Stores the content once; a concurrent upload of the same content may have stored it first. */
  async insertBlob(sha256: string, content: Buffer): Promise<void> {
    await this.tx.query(
      'INSERT INTO attachment_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING',
      [sha256, content],
    );
  }

  async insert(attachment: NewAttachment): Promise<AttachmentRow> {
    const [row] = await this.tx.query<AttachmentRow>(
      `INSERT INTO attachments AS a (sha256, size, mime_type, file_name, uploaded_by, uploader_key)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ATTACHMENT_COLUMNS}`,
      [
        attachment.sha256,
        attachment.size,
        attachment.mimeType,
        attachment.fileName,
        attachment.uploadedBy,
        attachment.uploaderKey,
      ],
    );
    return row;
  }

  /** One attachment if `visibleSql` (built on `params`) admits it. */
  async findOne(
    id: string,
    params: SqlParams,
    visibleSql: string,
  ): Promise<AttachmentRow | undefined> {
    const [row] = await this.tx.query<AttachmentRow>(
      `SELECT ${ATTACHMENT_COLUMNS} FROM attachments a WHERE a.id = ${params.add(id)} AND ${visibleSql}`,
      params.values,
    );
    return row;
  }

  /** One attachment with its bytes if `visibleSql` (built on `params`) admits it. */
  async findWithContent(
    id: string,
    params: SqlParams,
    visibleSql: string,
  ): Promise<(AttachmentRow & { content: Buffer }) | undefined> {
    const [row] = await this.tx.query<AttachmentRow & { content: Buffer }>(
      `SELECT ${ATTACHMENT_COLUMNS}, b.content FROM attachments a
       JOIN attachment_blobs b ON b.sha256 = a.sha256
       WHERE a.id = ${params.add(id)} AND ${visibleSql}`,
      params.values,
    );
    return row;
  }

  /**
   * Those of `ids` (UUIDs) that no attachment admitted by `visibleSql` has,
   * as given (spelling and order kept, so callers can find them again).
   */
  async findMissing(ids: string[], params: SqlParams, visibleSql: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT given.id FROM unnest(${params.add(ids)}::text[]) WITH ORDINALITY AS given(id, position)
       WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.id = given.id::uuid AND ${visibleSql})
       ORDER BY given.position`,
      params.values,
    );
    return rows.map((row) => row.id);
  }

  /** The attachment linked to `subject` whose content is `sha256`, the earliest if several. */
  async findLinked(subject: AttachmentSubject, sha256: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.tx.query<AttachmentRow>(
      `SELECT ${ATTACHMENT_COLUMNS} FROM attachments a
       JOIN attachment_links l ON l.attachment_id = a.id
       WHERE l.subject_type = $1 AND l.subject_id = $2 AND a.sha256 = $3
       ORDER BY a.created_at, a.id LIMIT 1`,
      [subject.type, subject.id, sha256],
    );
    return row;
  }

  /** One statement for all the links; linking the same pair again changes nothing. */
  async link(attachmentIds: string[], subject: AttachmentSubject): Promise<void> {
    await this.tx.query(
      `INSERT INTO attachment_links (attachment_id, subject_type, subject_id, customer_id)
       SELECT id, $2, $3, $4 FROM unnest($1::uuid[]) AS given(id)
       ON CONFLICT DO NOTHING`,
      [attachmentIds, subject.type, subject.id, subject.customerId],
    );
  }
}
