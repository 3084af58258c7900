import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { searchQueryText } from './domain/article-search';
import { isEditor } from './domain/knowledge-base';
import {
  ArticleQueryDto,
  ArticleResponse,
  CreateArticleDto,
  ReadReceiptResponse,
  UpdateArticleDto,
} from './dto/kb-article.dto';
import {
  ARTICLE_LIST,
  ArticleRow,
  KbArticlesRepository,
  NewArticle,
  visibleTo,
} from './kb-articles.repository';
import { knowledgeBaseMessages, ReaderRequiredException } from './knowledge-base.exception';

export function toArticleResponse(row: ArticleRow): ArticleResponse {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    status: row.status,
    source: row.source,
    exampleTicketIds: row.exampleTicketIds,
    createdBy: row.createdBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Articles and read receipts (API.md §9). Editors (KB_EDITOR_ROLES) write and
 * see every article; everyone else sees published articles and the drafts a
 * push delivered to them, and a draft they may not see is 404.
 */
@Injectable()
export class KbArticlesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly articles: KbArticlesRepository,
    private readonly audit: AuditService,
  ) {}

  /** A person's article is published at once; drafts come from the FAQ drafter. */
  create(principal: Principal, dto: CreateArticleDto): Promise<ArticleResponse> {
    const article: NewArticle = {
      title: dto.title,
      body: dto.body,
      tags: dto.tags,
      status: 'published',
      source: 'manual',
      exampleTicketIds: [],
      clusterKey: null,
    };
    return this.tx.withTransaction(async () => {
      const row = (await this.articles.insert(article, principal.userId))!;
      await this.audited(principal, row, 'created');
      return toArticleResponse(row);
    });
  }

  /**
   * Inserts an auto_faq draft, or finds the one already drafted from the
   * same cluster (its key); returns its id.
   */
  async draft(article: NewArticle): Promise<string> {
    const inserted = await this.articles.insert(article, null);
    if (!inserted) return (await this.articles.findByClusterKey(article.clusterKey!))!.id;
    await this.audited(null, inserted, 'drafted');
    return inserted.id;
  }

  async list(principal: Principal, query: ArticleQueryDto): Promise<Page<ArticleResponse>> {
    const plan = await ARTICLE_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.visibility(principal, params)];
    if (query.status) where.push(`a.status = ANY (${params.add(query.status)}::text[])`);
    if (query.source) where.push(`a.source = ANY (${params.add(query.source)}::text[])`);
    if (query.tag) where.push(`a.tags && ${params.add(query.tag)}::text[]`);
    if (query.q !== undefined) where.push(this.matching(query.q, params));
    where.push(...plan.where(params));
    const rows = await this.articles.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toArticleResponse);
  }

  async get(principal: Principal, id: string): Promise<ArticleResponse> {
    return toArticleResponse(await this.visible(principal, id));
  }

  /** Edits and/or publishes; the search vector is rebuilt from the new text. Audited. */
  update(
    principal: Principal,
    id: string,
    dto: UpdateArticleDto,
    expectedVersion?: number,
  ): Promise<ArticleResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.articles.find(id, true);
      if (!current) throw new NotFoundException(knowledgeBaseMessages.article, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        throw new StaleVersionException(
          knowledgeBaseMessages.article,
          expectedVersion,
          current.version,
        );
      const row = await this.articles.update(
        id,
        {
          title: dto.title ?? current.title,
          body: dto.body ?? current.body,
          tags: dto.tags ?? current.tags,
        },
        dto.status ?? current.status,
      );
      await this.audited(principal, row, current.status === row.status ? 'updated' : 'published');
      return toArticleResponse(row);
    });
  }

  /** The caller's read receipt: made on the first read, the same one ever after. */
  async read(principal: Principal, id: string): Promise<ReadReceiptResponse> {
    if (!principal.userId) throw new ReaderRequiredException();
    const article = await this.visible(principal, id);
    const receipt = await this.articles.recordRead(article.id, principal.userId);
    return { ...receipt, readAt: receipt.readAt.toISOString() };
  }

  private async visible(principal: Principal, id: string): Promise<ArticleRow> {
    const row = isEditor(principal.roles)
      ? await this.articles.find(id)
      : await this.articles.findVisible(id, principal.userId);
    if (!row) throw new NotFoundException(knowledgeBaseMessages.article, id);
    return row;
  }

  private visibility(principal: Principal, params: SqlParams): string {
    return isEditor(principal.roles) ? 'TRUE' : visibleTo(`${params.add(principal.userId)}::uuid`);
  }

  /** Every jieba term of `q` in the article's search vector; nothing when `q` has none. */
  private matching(q: string, params: SqlParams): string {
    const terms = searchQueryText(q);
    return terms ? `a.search @@ plainto_tsquery('simple', ${params.add(terms)})` : 'FALSE';
  }

  private audited(principal: Principal | null, row: ArticleRow, action: string): Promise<void> {
    return this.audit.append({
      actor: principal,
      entity: 'kb_article',
      entityId: row.id,
      action,
      data: { title: row.title, tags: row.tags, status: row.status, source: row.source },
    });
  }
}
