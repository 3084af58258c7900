import { Injectable } from '@nestjs/common';
import type { Text } from '../../core/i18n/text';
import { documentNumberSql } from '../../core/database/document-number';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { StoredQuoteLine } from './domain/quote-lines';
import type { PresentedTotals } from './domain/quote-math';
import type { QuoteStatus } from './domain/quote-status';

/** A quote with what lists show of its latest version. */
export interface QuoteSummaryRow {
  id: string;
  number: string;
  version: number;
  status: QuoteStatus;
  customerId: string;
  ownerId: string;
  totals: PresentedTotals;
  /** As of the latest submit, or of saving the latest version when not submitted since. */
  approvalRequired: boolean;
  approvalReason: Text;
  validUntil: string | null;
  lostReason: string | null;
  lostAt: Date | null;
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** A quote with its latest version's content. */
export interface QuoteRow extends QuoteSummaryRow {
  lines: StoredQuoteLine[];
  note: string | null;
  templateId: string | null;
  /** Who wrote the latest version. */
  versionAuthorId: string | null;
}

export interface QuoteVersionRow {
  quoteId: string;
  number: string;
  version: number;
  lines: StoredQuoteLine[];
  totals: PresentedTotals;
  approvalRequired: boolean;
  approvalReason: Text;
  validUntil: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/** What one version holds: the content a PATCH replaces. */
export interface VersionContent {
  lines: StoredQuoteLine[];
  totals: PresentedTotals;
  approvalRequired: boolean;
  approvalReason: Text;
  validUntil: string | null;
  note: string | null;
  templateId: string | null;
}

/** `GET /quotes`: newest first unless sorted otherwise. */
export const QUOTE_LIST = defineList({
  keys: {
    createdAt: { column: 'q.created_at', kind: 'timestamp' },
    number: { column: 'q.number', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'q.id',
  updatedAt: 'q.updated_at',
});

const SUMMARY_COLUMNS = `q.id, q.number, q.version, q.status, q.customer_id AS "customerId",
  q.owner_id AS "ownerId", q.totals,
  coalesce((q.submit_approval->>'required')::boolean, v.approval_required) AS "approvalRequired",
  coalesce(q.submit_approval->'reason', v.approval_reason) AS "approvalReason", to_char(q.valid_until, 'YYYY-MM-DD') AS "validUntil",
  q.lost_reason AS "lostReason", q.lost_at AS "lostAt", q.custom_fields AS "customFields",
  q.created_at AS "createdAt",
  q.updated_at AS "updatedAt"`;

const QUOTE_COLUMNS = `${SUMMARY_COLUMNS}, v.lines, v.note, v.template_id AS "templateId",
  v.created_by AS "versionAuthorId"`;

const VERSION_COLUMNS = `v.quote_id AS "quoteId", q.number, v.version, v.lines, v.totals,
  v.approval_required AS "approvalRequired", v.approval_reason AS "approvalReason",
  to_char(v.valid_until, 'YYYY-MM-DD') AS "validUntil", v.note, v.created_by AS "createdBy",
  v.created_at AS "createdAt"`;

/** A quote joined to its latest version and its customer `c`, for the scope predicate. */
const QUOTE_FROM = `quotes q
  JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.version
  JOIN customers c ON c.id = q.customer_id`;

/**
 * SQL over quotes and their versions. Reads take the caller's scope as a
 * predicate over the customer's owner `c.owner_id` (API.md §2): a quote is
 * seen by whoever sees its customer.
 */
@Injectable()
export class QuotesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * A new quote with its version 1, in one statement, numbered `Q-2026-000123`
   * (see documentNumberSql). Returns the quote as findOne would read it.
   */
  async insert(
    quote: {
      customerId: string;
      ownerId: string;
      timeZone: string;
      customFields: Record<string, unknown>;
    },
    content: VersionContent,
    authorId: string | null,
  ): Promise<QuoteRow> {
    const [row] = await this.tx.query<Pick<QuoteRow, 'id' | 'number' | 'createdAt' | 'updatedAt'>>(
      `WITH n AS (SELECT nextval('quote_number_seq')::text AS seq),
       q AS (
         INSERT INTO quotes (number, customer_id, owner_id, status, version, totals, valid_until,
           custom_fields)
         SELECT ${documentNumberSql('Q', 'n.seq', '$3')}, $1, $2, 'draft', 1, $4, $5, $12
         FROM n RETURNING id, number, created_at, updated_at
       ), v AS (
         INSERT INTO quote_versions (quote_id, version, lines, totals, approval_required,
           approval_reason, valid_until, note, template_id, created_by)
         SELECT q.id, 1, $6, $4, $7, $8, $5, $9, $10, $11 FROM q
       )
       SELECT id, number, created_at AS "createdAt", updated_at AS "updatedAt" FROM q`,
      [
        quote.customerId,
        quote.ownerId,
        quote.timeZone,
        content.totals,
        content.validUntil,
        JSON.stringify(content.lines),
        content.approvalRequired,
        content.approvalReason,
        content.note,
        content.templateId,
        authorId,
        quote.customFields,
      ],
    );
    return {
      ...row,
      ...content,
      version: 1,
      status: 'draft',
      customerId: quote.customerId,
      ownerId: quote.ownerId,
      lostReason: null,
      lostAt: null,
      customFields: quote.customFields,
      versionAuthorId: authorId,
    };
  }

  /** Writes version `version` of a quote; earlier versions are never touched. */
  async insertVersion(
    quoteId: string,
    version: number,
    content: VersionContent,
    authorId: string | null,
  ): Promise<void> {
    await this.tx.query(
      `INSERT INTO quote_versions (quote_id, version, lines, totals, approval_required,
         approval_reason, valid_until, note, template_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        quoteId,
        version,
        JSON.stringify(content.lines),
        content.totals,
        content.approvalRequired,
        content.approvalReason,
        content.validUntil,
        content.note,
        content.templateId,
        authorId,
      ],
    );
  }

  /** One quote whose customer `scopeSql` (over `c.owner_id`, built on `params`) admits. */
  async findOne(
    id: string,
    params: SqlParams,
    scopeSql: string,
    lock = false,
  ): Promise<QuoteRow | undefined> {
    const [row] = await this.tx.query<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM ${QUOTE_FROM}
       WHERE q.id = ${params.add(id)} AND ${scopeSql} ${lock ? 'FOR UPDATE OF q' : ''}`,
      params.values,
      { prepare: true },
    );
    return row;
  }

  /**
   * Moves a quote in scope from one of `from` to `to` and answers it as it now
   * is, in one statement that also locks it. Undefined when it is not in the
   * scope (`scopeSql`, over `c.owner_id`, built on `params`) or in `from`.
   */
  async transitionInScope(
    id: string,
    transition: { from: readonly QuoteStatus[]; to: QuoteStatus },
    params: SqlParams,
    scopeSql: string,
  ): Promise<QuoteRow | undefined> {
    const [row] = await this.tx.query<QuoteRow>(
      `UPDATE quotes q SET status = ${params.add(transition.to)}
       FROM quote_versions v, customers c
       WHERE v.quote_id = q.id AND v.version = q.version AND c.id = q.customer_id
         AND q.id = ${params.add(id)} AND q.status = ANY (${params.add(transition.from)}::text[])
         AND ${scopeSql}
       RETURNING ${QUOTE_COLUMNS}`,
      params.values,
      { prepare: true },
    );
    return row;
  }

  /** A quote by id, unscoped and locked: for approvals, whose deciders are checked by position. */
  async lockById(id: string): Promise<QuoteRow | undefined> {
    const [row] = await this.tx.query<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM ${QUOTE_FROM} WHERE q.id = $1 FOR UPDATE OF q`,
      [id],
    );
    return row;
  }

  /** `limit + 1` quotes matching `where` (scope, filters and keyset), in `orderBy` (QUOTE_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<QuoteSummaryRow[]> {
    return this.tx.query<QuoteSummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${QUOTE_FROM} WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** Every version of a quote, oldest first; the quote must be in scope. */
  async versions(id: string, params: SqlParams, scopeSql: string): Promise<QuoteVersionRow[]> {
    return this.tx.query<QuoteVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM quote_versions v
       JOIN quotes q ON q.id = v.quote_id JOIN customers c ON c.id = q.customer_id
       WHERE q.id = ${params.add(id)} AND ${scopeSql} ORDER BY v.version`,
      params.values,
    );
  }

  /** One version of a quote; the quote must be in scope. */
  async version(
    id: string,
    version: number,
    params: SqlParams,
    scopeSql: string,
  ): Promise<QuoteVersionRow | undefined> {
    const [row] = await this.tx.query<QuoteVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM quote_versions v
       JOIN quotes q ON q.id = v.quote_id JOIN customers c ON c.id = q.customer_id
       WHERE q.id = ${params.add(id)} AND v.version = ${params.add(version)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }

  /** The new latest version's figures, and the status that editing leads to. */
  async setLatest(
    id: string,
    version: number,
    content: VersionContent,
    status: QuoteStatus,
  ): Promise<void> {
    await this.tx.query(
      `UPDATE quotes SET version = $2, totals = $3, valid_until = $4, status = $5,
         submit_approval = NULL WHERE id = $1`,
      [id, version, content.totals, content.validUntil, status],
    );
  }

  /**
   * Moves a quote from `from` to `to`, guarded: false when its status was no
   * longer `from` (a concurrent change won), so callers never overwrite it.
   */
  async transition(
    id: string,
    from: QuoteStatus,
    to: QuoteStatus,
    facts: {
      lost?: { reason: string; at: string };
      submitApproval?: { required: boolean; reason: Text };
    } = {},
  ): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE quotes SET status = $3,
         lost_reason = coalesce($4, lost_reason), lost_at = coalesce($5, lost_at),
         submit_approval = coalesce($6, submit_approval)
       WHERE id = $1 AND status = $2 RETURNING 1`,
      [
        id,
        from,
        to,
        facts.lost?.reason ?? null,
        facts.lost?.at ?? null,
        facts.submitApproval ?? null,
      ],
      { prepare: true },
    );
    return rows.length === 1;
  }

  /**
   * Open quotes (not won or lost) of these customers go to `toUserId`:
   * they follow their customer on a transfer or a handover. Returns their ids.
   */
  async moveOpen(customerIds: string[], toUserId: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE quotes SET owner_id = $2
       WHERE customer_id = ANY ($1::uuid[]) AND owner_id <> $2
         AND status IN ('draft', 'pending_approval', 'approved', 'rejected')
       RETURNING id`,
      [customerIds, toUserId],
    );
    return rows.map((row) => row.id);
  }

  /** The quotes of these customers waiting for approval, locked. */
  async lockPendingOf(customerIds: readonly string[]): Promise<QuoteRow[]> {
    return this.tx.query<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM ${QUOTE_FROM}
       WHERE q.customer_id = ANY ($1::uuid[]) AND q.status = 'pending_approval'
       ORDER BY q.id FOR UPDATE OF q`,
      [customerIds],
    );
  }

  /** The customer's open quotes (draft, pending approval or approved), newest first. */
  async openForCustomer(customerId: string): Promise<QuoteSummaryRow[]> {
    return this.tx.query<QuoteSummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${QUOTE_FROM}
       WHERE q.customer_id = $1 AND q.status IN ('draft', 'pending_approval', 'approved')
       ORDER BY q.created_at DESC, q.id DESC`,
      [customerId],
    );
  }
}
