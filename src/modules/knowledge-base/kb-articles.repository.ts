import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { ArticleSource, ArticleStatus } from './domain/knowledge-base';
import { articleSearchDocument } from './domain/article-search';

/** An article's own fields, as its author (or the FAQ drafter) wrote them. */
export interface ArticleFields {
  title: string;
  body: string;
  tags: string[];
}

export interface NewArticle extends ArticleFields {
  status: ArticleStatus;
  source: ArticleSource;
  exampleTicketIds: string[];
  /** An auto_faq draft's cluster hash: a second draft of the same cluster inserts nothing. */
  clusterKey: string | null;
}

export interface ArticleRow extends NewArticle {
  id: string;
  createdBy: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ReadReceiptRow {
  articleId: string;
  userId: string;
  readAt: Date;
}

/** `GET /kb/articles`: newest first unless sorted otherwise. */
export const ARTICLE_LIST = defineList({
  keys: {
    createdAt: { column: 'a.created_at', kind: 'timestamp' },
    title: { column: 'a.title', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'a.id',
  updatedAt: 'a.updated_at',
});

const ARTICLE_COLUMNS = `a.id, a.title, a.body, a.tags, a.status, a.source,
  a.example_ticket_ids AS "exampleTicketIds", a.cluster_key AS "clusterKey",
  a.created_by AS "createdBy", a.published_at AS "publishedAt",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version`;

/**
 * The search vector of $1 (title), $2 (tags) and $3 (body), each already
 * segmented by jieba into space-separated terms; the 'simple' configuration
 * keeps the terms as they are. Title terms weigh most.
 */
const SEARCH_VECTOR = `setweight(to_tsvector('simple', $1), 'A')
  || setweight(to_tsvector('simple', $2), 'B') || setweight(to_tsvector('simple', $3), 'C')`;

/**
 * Who may read article `a` (the parameter is the caller's user id): a
 * published article, or a draft a push run delivered to that user. Editors
 * see every draft and skip this.
 */
export const visibleTo = (userParam: string) => `(a.status = 'published' OR EXISTS (
  SELECT 1 FROM kb_push_deliveries d JOIN kb_push_runs r ON r.id = d.run_id
  WHERE d.user_id = ${userParam} AND a.id = ANY (r.article_ids)))`;

/** SQL over kb_articles and kb_article_reads. */
@Injectable()
export class KbArticlesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Inserts the article (with `id` if given, for demo data); an auto_faq
   * draft whose cluster was drafted before inserts nothing.
   */
  async insert(
    article: NewArticle,
    createdBy: string | null,
    id?: string,
  ): Promise<ArticleRow | undefined> {
    const search = articleSearchDocument(article);
    const [row] = await this.tx.query<ArticleRow>(
      `INSERT INTO kb_articles AS a (id, title, body, tags, status, source, example_ticket_ids,
         cluster_key, created_by, published_at, search)
       VALUES (coalesce($12::uuid, gen_random_uuid()), $4, $5, $6::text[], $7, $8, $9::uuid[], $10, $11,
         CASE WHEN $7 = 'published' THEN now() END, ${SEARCH_VECTOR})
       ON CONFLICT (cluster_key) DO NOTHING
       RETURNING ${ARTICLE_COLUMNS}`,
      [
        search.title,
        search.tags,
        search.body,
        article.title,
        article.body,
        article.tags,
        article.status,
        article.source,
        article.exampleTicketIds,
        article.clusterKey,
        createdBy,
        id ?? null,
      ],
    );
    return row;
  }

  /** Any article, drafts included (for editors); FOR UPDATE when about to change it. */
  async find(id: string, forUpdate = false): Promise<ArticleRow | undefined> {
    const [row] = await this.tx.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** The article if `userId` (null: an API key) may read it without being an editor. */
  async findVisible(id: string, userId: string | null): Promise<ArticleRow | undefined> {
    const [row] = await this.tx.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.id = $1 AND ${visibleTo('$2::uuid')}`,
      [id, userId],
    );
    return row;
  }

  async findByClusterKey(clusterKey: string): Promise<ArticleRow | undefined> {
    const [row] = await this.tx.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.cluster_key = $1`,
      [clusterKey],
    );
    return row;
  }

  /** Writes the new fields and status, re-segments the search vector, and bumps the version. */
  async update(id: string, fields: ArticleFields, status: ArticleStatus): Promise<ArticleRow> {
    const search = articleSearchDocument(fields);
    const [row] = await this.tx.query<ArticleRow>(
      `UPDATE kb_articles a SET title = $5, body = $6, tags = $7::text[], status = $8,
         published_at = coalesce(a.published_at, CASE WHEN $8 = 'published' THEN now() END),
         search = ${SEARCH_VECTOR}, version = a.version + 1
       WHERE a.id = $4 RETURNING ${ARTICLE_COLUMNS}`,
      [search.title, search.tags, search.body, id, fields.title, fields.body, fields.tags, status],
    );
    return row;
  }

  /** The ids among `ids` that are not published articles. */
  async unpublished(ids: readonly string[]): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT given.id FROM unnest($1::uuid[]) AS given(id)
       WHERE NOT EXISTS (SELECT 1 FROM kb_articles a WHERE a.id = given.id AND a.status = 'published')`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /** Records the first read of the article by the user; a later read keeps it. Returns the receipt. */
  async recordRead(articleId: string, userId: string): Promise<ReadReceiptRow> {
    await this.tx.query(
      `INSERT INTO kb_article_reads (article_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [articleId, userId],
    );
    // A statement of its own, so that it sees a concurrent first read that won the insert.
    const [row] = await this.tx.query<ReadReceiptRow>(
      `SELECT article_id AS "articleId", user_id AS "userId", read_at AS "readAt"
       FROM kb_article_reads WHERE article_id = $1 AND user_id = $2`,
      [articleId, userId],
    );
    return row;
  }

  /** `limit + 1` articles matching `where` (filters and keyset), in `orderBy`. */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<ArticleRow[]> {
    return this.tx.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM kb_articles a
       WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }
}
