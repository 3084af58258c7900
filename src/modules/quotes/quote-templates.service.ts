import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import {
  CreateQuoteTemplateDto,
  QuoteTemplatePage,
  QuoteTemplateQueryDto,
  QuoteTemplateResponse,
} from './dto/quote-template.dto';
import type { LineRequest } from './quote-pricer';
import { QuotePricer } from './quote-pricer';
import type { TemplateLine } from './quote-template.entity';
import {
  QUOTE_TEMPLATE_LIST,
  QuoteTemplatesRepository,
  TemplateRow,
} from './quote-templates.repository';
import {
  DuplicateTemplateNameException,
  quoteMessages,
  UnknownTemplateException,
} from './quotes.exception';

function toResponse(row: TemplateRow): QuoteTemplateResponse {
  return {
    id: row.id,
    name: row.name,
    lines: row.lines.map((line) => ({
      productId: line.productId,
      qty: Number(line.qty),
      unitPrice: line.unitPrice ?? null,
    })),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Quote templates (API.md §5): starting points, so that a new hire never
 * copies an old quote by hand. A template is priced when it is saved, so
 * that it names no missing product and no price below a floor; a quote made
 * from it is priced again, on that day's products.
 */
@Injectable()
export class QuoteTemplatesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly templates: QuoteTemplatesRepository,
    private readonly pricer: QuotePricer,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateQuoteTemplateDto): Promise<QuoteTemplateResponse> {
    const lines: TemplateLine[] = dto.lines.map((line) => ({
      productId: line.productId,
      qty: String(line.qty),
      ...(line.unitPrice === undefined ? {} : { unitPrice: line.unitPrice }),
    }));
    return this.tx.withTransaction(async () => {
      await this.pricer.price(lines);
      const row = await this.templates.insert(
        { name: dto.name, lines, note: dto.note ?? null },
        principal.userId,
      );
      if (!row)
        throw new DuplicateTemplateNameException((await this.templates.findIdByName(dto.name))!);
      await this.audit.append({
        actor: principal,
        entity: 'quote_template',
        entityId: row.id,
        action: 'created',
        data: { name: row.name, lines: row.lines.length },
      });
      return toResponse(row);
    });
  }

  async list(query: QuoteTemplateQueryDto): Promise<QuoteTemplatePage> {
    const plan = await QUOTE_TEMPLATE_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const rows = await this.templates.list(
      params,
      ['TRUE', ...plan.where(params)],
      query.limit,
      plan.orderBy,
    );
    return plan.page(rows, toResponse);
  }

  async get(id: string): Promise<QuoteTemplateResponse> {
    const row = await this.templates.findOne(id);
    if (!row) throw new NotFoundException(quoteMessages.template, id);
    return toResponse(row);
  }

  /** The template's lines to price; 422 UNKNOWN_TEMPLATE when `templateId` names none. */
  async linesOf(templateId: string): Promise<LineRequest[]> {
    const row = await this.templates.findOne(templateId);
    if (!row) throw new UnknownTemplateException();
    return row.lines;
  }
}
