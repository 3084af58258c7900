import type { MergeFacts } from '../../../../core/imports/import-runner';

/** The summary counts of a finished product import. */
export interface ProductImportCounts {
  totalRows: number;
  created: number;
  updated: number;
  invalid: number;
}

/**
 * The product import's counting rule. Every data row is exactly one of:
 * - invalid: rejected, and reported with its row number;
 * - created: the valid row that added a SKU no product had (with a SKU
 *   repeated in the file, the first of its rows, though the last one's values win);
 * - updated: every other valid row (a SKU a product already had, or a later
 *   row of a SKU), written over that product if it changed anything.
 * Hence created + updated + invalid = totalRows, whatever the file holds.
 */
export function countProductImport(facts: MergeFacts): ProductImportCounts {
  const validRows = facts.totalRows - facts.invalidRows;
  if (validRows < 0 || facts.created < 0 || facts.created > validRows) {
    // One product per created row at most: anything else is a bug in the merge, not bad input.
    throw new Error(`Inconsistent import facts: ${JSON.stringify(facts)}`);
  }
  return {
    totalRows: facts.totalRows,
    created: facts.created,
    updated: validRows - facts.created,
    invalid: facts.invalidRows,
  };
}
