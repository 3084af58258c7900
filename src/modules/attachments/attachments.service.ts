import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { callerKey, Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { parseIdempotencyKey, requestFingerprint } from '../../core/idempotency/idempotency';
import { IdempotencyService } from '../../core/idempotency/idempotency.service';
import { ReceivedFile } from '../../core/uploads/upload-receiver';
import {
  AttachmentNotFoundException,
  attachmentMessages,
  EmptyFileException,
  UnsupportedMediaTypeException,
} from './attachments.exception';
import { AttachmentSubject } from './attachment-subject';
import {
  AttachmentRow,
  AttachmentsRepository,
  visibleAttachmentSql,
} from './attachments.repository';
import { decideMediaType, MediaType } from './domain/media-type';
import { AttachmentResponse } from './dto/attachment.dto';

export interface AttachmentUploaded {
  attachment: AttachmentResponse;
  /** True when an Idempotency-Key replay answered with an earlier upload. */
  replayed: boolean;
}

/** An attachment with its bytes, for download. */
export interface AttachmentContent extends AttachmentResponse {
  content: Buffer;
}

/** A file that another module made (a quote PDF), to keep as an attachment of its subject. */
export interface GeneratedFile {
  content: Buffer;
  fileName: string;
  mimeType: MediaType;
}

/** The status POST /attachments answers with, kept with the response for replays. */
const CREATED = 201;

function toResponse(row: AttachmentRow): AttachmentResponse {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The same upload, for Idempotency-Key: the same content under the same name. */
function fingerprintOf(file: ReceivedFile): string {
  return requestFingerprint('POST', 'attachments', {
    sha256: file.sha256,
    fileName: file.fileName,
  });
}

/**
 * Uploads and reads attachments, and tells other modules which attachments a
 * caller may use. The bytes live in the database, stored once per content.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly attachments: AttachmentsRepository,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Stores a received file as an attachment, its type decided from its
   * content. With an Idempotency-Key, a repeat of the same upload answers
   * with the attachment it created. The temporary file is always removed.
   */
  async upload(
    principal: Principal,
    file: ReceivedFile,
    idempotencyHeader: string | string[] | undefined,
  ): Promise<AttachmentUploaded> {
    try {
      const key = parseIdempotencyKey(idempotencyHeader);
      if (file.size === 0) throw new EmptyFileException();
      const content = await readFile(file.path);
      const mimeType = acceptedMediaType(content, file.declaredType, file.fileName);
      const store = () => this.store(principal, file, content, mimeType);
      if (key === undefined) return { attachment: await store(), replayed: false };
      const answer = await this.idempotency.run(
        { callerKey: callerKey(principal), key, fingerprint: fingerprintOf(file) },
        async () => ({ status: CREATED, body: await store() }),
      );
      return { attachment: answer.body as AttachmentResponse, replayed: answer.replayed };
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async get(principal: Principal, id: string): Promise<AttachmentResponse> {
    const params = new SqlParams();
    const row = await this.attachments.findOne(
      id,
      params,
      visibleAttachmentSql(this.scope, principal, params),
    );
    if (!row) throw new NotFoundException(attachmentMessages.attachment, id);
    return toResponse(row);
  }

  async content(principal: Principal, id: string): Promise<AttachmentContent> {
    const params = new SqlParams();
    const row = await this.attachments.findWithContent(
      id,
      params,
      visibleAttachmentSql(this.scope, principal, params),
    );
    if (!row) throw new NotFoundException(attachmentMessages.attachment, id);
    return { ...toResponse(row), content: row.content };
  }

  /**
   * Keeps a file that another module made for `subject` (a quote's PDF) as an
   * attachment linked to it, in the caller's transaction if there is one. The
   * same bytes made again for the same subject give the attachment they gave
   * before; other subjects share only the stored content. Audited as
   * `generated` when new.
   */
  async storeGenerated(
    principal: Principal,
    file: GeneratedFile,
    subject: AttachmentSubject,
  ): Promise<AttachmentResponse> {
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    return this.tx.withTransaction(async () => {
      const existing = await this.attachments.findLinked(subject, sha256);
      if (existing) return toResponse(existing);
      await this.attachments.insertBlob(sha256, file.content);
      const row = await this.attachments.insert({
        sha256,
        size: file.content.length,
        mimeType: file.mimeType,
        fileName: file.fileName,
        uploadedBy: principal.userId,
        uploaderKey: callerKey(principal),
      });
      await this.attachments.link([row.id], subject);
      await this.audit.append({
        actor: principal,
        entity: 'attachment',
        entityId: row.id,
        action: 'generated',
        data: {
          sha256,
          size: row.size,
          mimeType: row.mimeType,
          fileName: row.fileName,
          subject: { type: subject.type, id: subject.id },
        },
      });
      return toResponse(row);
    });
  }

  /**
   * Hangs attachments on a subject of another module, in the caller's
   * transaction, in one statement. Check them with findNotVisible first.
   */
  async link(attachmentIds: string[], subject: AttachmentSubject): Promise<void> {
    if (attachmentIds.length) await this.attachments.link(attachmentIds, subject);
  }

  /**
   * Those of `ids` (UUIDs) that do not exist or that the caller may not see,
   * as given, in one query; empty when the caller may use them all.
   */
  async findNotVisible(principal: Principal, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const params = new SqlParams();
    return this.attachments.findMissing(
      ids,
      params,
      visibleAttachmentSql(this.scope, principal, params),
    );
  }

  /**
   * For a form that refers to attachments by id: throws 422
   * ATTACHMENT_NOT_FOUND naming each `field[i]` whose id the caller may not
   * use, all at once; passes when it may use them all.
   */
  async assertUsable(principal: Principal, idsByField: Record<string, string[]>): Promise<void> {
    const unusable = new Set(
      await this.findNotVisible(principal, Object.values(idsByField).flat()),
    );
    const fields = Object.entries(idsByField).flatMap(([field, ids]) =>
      ids.flatMap((id, index) => (unusable.has(id) ? [`${field}[${index}]`] : [])),
    );
    if (fields.length) throw new AttachmentNotFoundException(fields);
  }

  /** The blob (unless this content is stored already), the attachment and its audit event, together. */
  private store(
    principal: Principal,
    file: ReceivedFile,
    content: Buffer,
    mimeType: MediaType,
  ): Promise<AttachmentResponse> {
    return this.tx.withTransaction(async () => {
      if (!(await this.attachments.hasBlob(file.sha256))) {
        await this.attachments.insertBlob(file.sha256, content);
      }
      const row = await this.attachments.insert({
        sha256: file.sha256,
        size: file.size,
        mimeType,
        fileName: file.fileName,
        uploadedBy: principal.userId,
        uploaderKey: callerKey(principal),
      });
      await this.audit.append({
        actor: principal,
        entity: 'attachment',
        entityId: row.id,
        action: 'uploaded',
        data: { sha256: row.sha256, size: row.size, mimeType, fileName: row.fileName },
      });
      return toResponse(row);
    });
  }
}

function acceptedMediaType(content: Buffer, declaredType: string, fileName: string): MediaType {
  const decision = decideMediaType(content, declaredType, fileName);
  if (!decision.ok) throw new UnsupportedMediaTypeException(decision.reason);
  return decision.mediaType;
}
