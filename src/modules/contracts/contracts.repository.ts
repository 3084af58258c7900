import { Injectable } from '@nestjs/common';
import { documentNumberSql } from '../../core/database/document-number';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { textSettingSql } from '../../core/settings/settings-sql';
import { insertPendingJobsSql, NewSyncJob } from '../erp-sync/erp-sync.repository';
import type { StoredQuoteLine } from '../quotes/domain/quote-lines';

export interface ContractRow {
  id: string;
  contractNo: string;
  quoteId: string;
  quoteVersion: number;
  customerId: string;
  ownerId: string;
  amount: string;
  amountWithTax: string;
  signedAt: Date;
  erpOrderNo: string | null;
  createdAt: Date;
  orderId: string;
}

export interface NewContract {
  /** Null: generated, `HT-2026-000123`. */
  contractNo: string | null;
  quoteId: string;
  quoteVersion: number;
  customerId: string;
  ownerId: string;
  amount: string;
  amountWithTax: string;
  lines: StoredQuoteLine[];
  signedAt: string;
}

const CONTRACT_COLUMNS = `k.id, k.contract_no AS "contractNo", k.quote_id AS "quoteId",
  k.quote_version AS "quoteVersion", k.customer_id AS "customerId", k.owner_id AS "ownerId",
  k.amount, k.amount_with_tax AS "amountWithTax", k.signed_at AS "signedAt",
  k.erp_order_no AS "erpOrderNo", k.created_at AS "createdAt"`;

/** SQL over contracts and the orders they make. Reads take the caller's scope over the customer's owner `c.owner_id`. */
@Injectable()
export class ContractsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The contract, its order and its pending ERP sync job, in one statement;
   * its number's year is in the organisation's time zone. Undefined when the
   * quote has its contract or the number is taken (the unique indexes decide,
   * also under concurrency).
   */
  async insertWithOrder(
    contract: NewContract,
    createdBy: string | null,
  ): Promise<{ contract: ContractRow; syncJob: NewSyncJob } | undefined> {
    const [row] = await this.tx.query<ContractRow & { syncJobId: string; syncJobUpdatedAt: Date }>(
      `WITH n AS (SELECT nextval('contract_number_seq')::text AS seq),
       k AS (
         INSERT INTO contracts (contract_no, quote_id, quote_version, customer_id, owner_id, amount,
           amount_with_tax, lines, signed_at, created_by)
         SELECT coalesce($1, ${documentNumberSql('HT', 'n.seq', textSettingSql('timezone'))}), $2, $3, $4, $5, $6, $7, $8, $9, $10
         FROM n
         ON CONFLICT DO NOTHING
         RETURNING *
       ), o AS (
         INSERT INTO orders (customer_id, contract_id, amount, ordered_at, lines, created_by)
         SELECT k.customer_id, k.id, k.amount, k.signed_at,
           (SELECT jsonb_agg(jsonb_build_object('sku', l->>'sku', 'qty', l->>'qty', 'unitPrice', l->>'unitPrice'))
            FROM jsonb_array_elements(k.lines) l),
           k.created_by
         FROM k RETURNING id, contract_id
       ), j AS (${insertPendingJobsSql('k')})
       SELECT ${CONTRACT_COLUMNS}, o.id AS "orderId", j.id AS "syncJobId", j.updated_at AS "syncJobUpdatedAt"
       FROM k JOIN o ON o.contract_id = k.id JOIN j ON j.contract_id = k.id`,
      [
        contract.contractNo,
        contract.quoteId,
        contract.quoteVersion,
        contract.customerId,
        contract.ownerId,
        contract.amount,
        contract.amountWithTax,
        JSON.stringify(contract.lines),
        contract.signedAt,
        createdBy,
      ],
      { prepare: true },
    );
    if (!row) return undefined;
    const { syncJobId, syncJobUpdatedAt, ...written } = row;
    return { contract: written, syncJob: { id: syncJobId, updatedAt: syncJobUpdatedAt } };
  }

  async findIdByQuote(quoteId: string): Promise<string | undefined> {
    const [row] = await this.tx.query<{ id: string }>(
      'SELECT id FROM contracts WHERE quote_id = $1',
      [quoteId],
    );
    return row?.id;
  }

  async findIdByNumber(contractNo: string): Promise<string | undefined> {
    const [row] = await this.tx.query<{ id: string }>(
      'SELECT id FROM contracts WHERE contract_no = $1',
      [contractNo],
    );
    return row?.id;
  }

  /** One contract whose customer `scopeSql` (over `c.owner_id`, built on `params`) admits. */
  async findOne(id: string, params: SqlParams, scopeSql: string): Promise<ContractRow | undefined> {
    const [row] = await this.tx.query<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS}, o.id AS "orderId" FROM contracts k
       JOIN orders o ON o.contract_id = k.id JOIN customers c ON c.id = k.customer_id
       WHERE k.id = ${params.add(id)} AND ${scopeSql}`,
      params.values,
    );
    return row;
  }
}
