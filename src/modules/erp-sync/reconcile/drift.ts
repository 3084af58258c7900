import Decimal from 'decimal.js';
import type { ErpOrderFound } from '../adapters';
import type { ErpSyncStatus } from '../erp-sync-job.entity';

/*
 * The reconciliation's verdicts (docs/erp-sync.md#reconciliation), pure.
 * Drift is a disagreement between our records and the ERP that nobody is
 * already looking at: a contract whose job is still pending, failed or dead
 * and that the ERP does not hold is known unfinished work (GET
 * /erp/sync-jobs), so it is counted as `notSynced`, not listed as drift.
 */

export const DRIFT_KINDS = [
  /** The job says synced, but the ERP has no order with the contract number. */
  'missing_in_erp',
  /** The ERP holds the order, but the job is not `synced`: the job does not know it landed. */
  'synced_but_unrecorded',
  /** The ERP's tax-inclusive total differs from the contract's beyond rounding. */
  'amount_mismatch',
  /** The job recorded one ERP order number, the ERP answers another. */
  'order_no_mismatch',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** A contract as the reconciliation reads it, with its sync job. */
export interface ContractToReconcile {
  contractId: string;
  contractNo: string;
  /** Decimal string, 2 places. */
  amountWithTax: string;
  /** How many lines it has: each may round by a cent in the ERP. */
  lineCount: number;
  syncStatus: ErpSyncStatus;
  /** The ERP order number the job recorded, if any. */
  erpOrderNo: string | null;
}

export interface Drift {
  contractId: string;
  contractNo: string;
  kind: DriftKind;
  syncStatus: ErpSyncStatus;
  expected: { amountWithTax: string; erpOrderNo: string | null };
  /** Absent when the ERP has no order with the contract number. */
  found?: { erpOrderNo: string; amountWithTax: string; date?: string };
}

export interface Reconciliation {
  /** Contracts signed in the window. */
  contracts: number;
  /** Held by the ERP as we recorded them. */
  matched: number;
  /** Not synced yet (pending, failed, dead), and not in the ERP: not drift. */
  notSynced: number;
  drift: Drift[];
}

/**
 * How far the ERP's total may stray from the contract's: K3 and U8 round
 * each line's amount to the cent, the contract rounds its total once, so
 * each line may move the sum by up to half a cent. One cent per line covers
 * that with room, and any real change of price or quantity exceeds it.
 */
export function amountTolerance(lineCount: number): Decimal {
  return new Decimal('0.01').times(Math.max(1, lineCount));
}

/** What is wrong with one contract, given the ERP's order by its number (or none). */
export function driftKinds(
  contract: ContractToReconcile,
  found: ErpOrderFound | undefined,
): DriftKind[] {
  if (!found) return contract.syncStatus === 'synced' ? ['missing_in_erp'] : [];
  const kinds: DriftKind[] = [];
  if (contract.syncStatus !== 'synced') kinds.push('synced_but_unrecorded');
  const difference = new Decimal(found.amountWithTax).minus(contract.amountWithTax).abs();
  if (difference.greaterThan(amountTolerance(contract.lineCount))) kinds.push('amount_mismatch');
  if (contract.erpOrderNo !== null && contract.erpOrderNo !== found.erpOrderNo) {
    kinds.push('order_no_mismatch');
  }
  return kinds;
}

/** Every contract against the ERP's orders, matched by number (the contract number). */
export function reconcile(
  contracts: ContractToReconcile[],
  orders: ErpOrderFound[],
): Reconciliation {
  const byNumber = new Map(orders.map((order) => [order.number, order]));
  const result: Reconciliation = {
    contracts: contracts.length,
    matched: 0,
    notSynced: 0,
    drift: [],
  };
  for (const contract of contracts) {
    const found = byNumber.get(contract.contractNo);
    const kinds = driftKinds(contract, found);
    if (kinds.length) result.drift.push(...kinds.map((kind) => toDrift(contract, kind, found)));
    else if (found) result.matched++;
    else result.notSynced++;
  }
  return result;
}

function toDrift(
  contract: ContractToReconcile,
  kind: DriftKind,
  found: ErpOrderFound | undefined,
): Drift {
  return {
    contractId: contract.contractId,
    contractNo: contract.contractNo,
    kind,
    syncStatus: contract.syncStatus,
    expected: { amountWithTax: contract.amountWithTax, erpOrderNo: contract.erpOrderNo },
    ...(found
      ? {
          found: {
            erpOrderNo: found.erpOrderNo,
            amountWithTax: found.amountWithTax,
            ...(found.date ? { date: found.date } : {}),
          },
        }
      : {}),
  };
}
