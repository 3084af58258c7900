import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import type { ContractToReconcile } from './drift';

@Injectable()
export class ReconcileRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Contracts signed in [from, to), with their sync jobs, in signing order. */
  contractsSignedIn(from: Date, to: Date): Promise<ContractToReconcile[]> {
    return this.tx.query<ContractToReconcile>(
      `SELECT c.id AS "contractId", c.contract_no AS "contractNo",
              c.amount_with_tax::text AS "amountWithTax",
              jsonb_array_length(c.lines)::int AS "lineCount",
              j.status AS "syncStatus", j.erp_order_no AS "erpOrderNo"
         FROM contracts c
         JOIN erp_sync_jobs j ON j.contract_id = c.id
        WHERE c.signed_at >= $1 AND c.signed_at < $2
        ORDER BY c.signed_at, c.id`,
      [from, to],
    );
  }
}
