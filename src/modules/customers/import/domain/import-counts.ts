/** The summary counts of a finished import. */
export interface ImportCounts {
  totalRows: number;
  created: number;
  merged: number;
  invalid: number;
}

/** What the merge reports, for one chunk of the file or summed over all of them. */
export interface MergeFacts {
  /** Non-blank data rows read from the file. */
  totalRows: number;
  /** Rows rejected by validation or by the owner check. */
  invalidRows: number;
  /** Customers the merge inserted (one per phone that no customer had). */
  customersCreated: number;
}

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
  if (validRows < 0 || facts.customersCreated < 0 || facts.customersCreated > validRows) {
    // One customer per created row at most: anything else is a bug in the merge, not bad input.
    throw new Error(`Inconsistent import facts: ${JSON.stringify(facts)}`);
  }
  return {
    totalRows: facts.totalRows,
    created: facts.customersCreated,
    merged: validRows - facts.customersCreated,
    invalid: facts.invalidRows,
  };
}
