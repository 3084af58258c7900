import type { ImportCounts as Counts } from '../../../../core/imports/import-journal';
import type { MergeFacts } from '../../../../core/imports/import-runner';

export type { MergeFacts } from '../../../../core/imports/import-runner';

/** The summary counts of a finished customer import. */
export type ImportCounts = Counts<'merged'>;
/**
 * The contract's counting rule. Every data row is exactly one of:
 * - invalid: rejected, and reported with its row number;
 * - created: the first valid row of a phone that no customer had yet;
 * - merged: every other valid row (a later row with the same phone, or a
 *   phone that a customer already had), which filled that customer's gaps.
 * Hence created + merged + invalid = totalRows, whatever the file holds.
 */
export function countImport(facts: MergeFacts): ImportCounts {
  const validRows = facts.totalRows - facts.invalidRows;
  if (validRows < 0 || facts.created < 0 || facts.created > validRows) {
    // One customer per created row at most: anything else is a bug in the merge, not bad input.
    throw new Error(`Inconsistent import facts: ${JSON.stringify(facts)}`);
  }
  return {
    totalRows: facts.totalRows,
    created: facts.created,
    merged: validRows - facts.created,
    invalid: facts.invalidRows,
  };
}
