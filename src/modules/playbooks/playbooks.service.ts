import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { AttachmentsService } from '../attachments/attachments.service';
import { CreatePlaybookDto, PlaybookQueryDto, PlaybookResponse } from './dto/playbook.dto';
import {
  PLAYBOOK_LIST,
  PlaybookRow,
  PlaybooksRepository,
  PlaybookSummaryRow,
} from './playbooks.repository';
import { playbookMessages } from './playbooks.exception';

/** What a todo or a trigger rule shows of a playbook. */
export type PlaybookSummary = PlaybookSummaryRow;

function toResponse(row: PlaybookRow): PlaybookResponse {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

@Injectable()
export class PlaybooksService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly playbooks: PlaybooksRepository,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
  ) {}

  /** The attachments must be ones the author may see; linking them to the playbook shows them to all. */
  async create(principal: Principal, dto: CreatePlaybookDto): Promise<PlaybookResponse> {
    const attachmentIds = dto.attachmentIds ?? [];
    return this.tx.withTransaction(async () => {
      await this.attachments.assertUsable(principal, { attachmentIds });
      const row = await this.playbooks.insert({
        title: dto.title,
        kind: dto.kind,
        content: dto.content,
        attachmentIds,
        createdBy: principal.userId,
      });
      await this.attachments.link(attachmentIds, {
        type: 'playbook',
        id: row.id,
        customerId: null,
      });
      await this.audit.append({
        actor: principal,
        entity: 'playbook',
        entityId: row.id,
        action: 'created',
        data: { title: row.title, kind: row.kind, attachmentIds },
      });
      return toResponse(row);
    });
  }

  async list(query: PlaybookQueryDto): Promise<Page<PlaybookResponse>> {
    const plan = await PLAYBOOK_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.kind) where.push(`p.kind = ANY (${params.add(query.kind)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.playbooks.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toResponse);
  }

  async get(id: string): Promise<PlaybookResponse> {
    const row = await this.playbooks.findOne(id);
    if (!row) throw new NotFoundException(playbookMessages.playbook, id);
    return toResponse(row);
  }

  /** Whether a playbook with this id (a UUID) exists; every caller may use any playbook. */
  exists(id: string): Promise<boolean> {
    return this.playbooks.exists(id);
  }

  /** The playbooks of `ids` (UUIDs) that exist, in the order given, as a todo carries them. */
  summaries(ids: string[]): Promise<PlaybookSummary[]> {
    return this.playbooks.summaries(ids);
  }
}
