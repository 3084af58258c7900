import type { Language } from '../../../../core/i18n/text';
import { copyRecord, textArrayLiteral } from '../../../../core/imports/sheets/copy-format';
import { cellsByField, ColumnLayout } from './header-mapping';
import { validateRow } from './row-validation';
import type { SheetRow } from '../../../../core/imports/sheets/sheet-row';

export type { SheetRow } from '../../../../core/imports/sheets/sheet-row';

/** This module, which the shared formatter thread loads to stage customer rows (see StagingPlan). */
export const CUSTOMER_STAGING_FORMATTER = __filename;

/** The staging table's columns, in the order `stagingRecord` writes them. */
export const STAGING_COLUMNS = [
  'row_number',
  'name',
  'phone',
  'segment',
  'company',
  'city',
  'tags',
  'purchase_frequency',
  'avg_order_value',
  'owner_username',
  'owner_id',
  'errors',
  'raw_values',
] as const;

const NO_VALUES = Array<null>(STAGING_COLUMNS.length - 3).fill(null);

/** How one import stages its rows. */
export interface StagingOptions {
  /** Owner of rows that name none (null: the public pool). */
  defaultOwnerId: string | null;
  /**
   * Keep every row's cells. For a caller who does not see every customer, the
   * merge may still reject a valid row (its phone is held outside the caller's
   * scope), and the error report shows a rejected row's cells.
   */
  keepCells: boolean;
  /** The language of the request that started the import: rejected rows' reasons are in it. */
  language: Language;
}

/**
 * One COPY record for the staging table. A valid row carries its values and,
 * if it names no owner, the import's default owner. An invalid row carries its
 * errors and its original cells, for the error report. So does a row naming an
 * owner (the names are checked together once every row is staged, and the row
 * may still be rejected then), and any row with `keepCells`.
 */
export function stagingRecord(
  row: SheetRow,
  layout: ColumnLayout,
  { defaultOwnerId, keepCells, language }: StagingOptions,
): string {
  const result = validateRow(cellsByField(row.cells, layout));
  const number = String(row.number);
  if (!result.ok) {
    const errors = result.errors.map(({ field, reason }) => ({ field, reason: reason[language] }));
    return copyRecord([number, ...NO_VALUES, JSON.stringify(errors), JSON.stringify(row.cells)]);
  }
  const { values } = result;
  const named = values.ownerUsername !== null;
  return copyRecord([
    number,
    values.name,
    values.phone,
    values.segment,
    values.company,
    values.city,
    textArrayLiteral(values.tags),
    values.purchaseFrequency,
    values.avgOrderValue,
    values.ownerUsername,
    named ? null : defaultOwnerId,
    null,
    named || keepCells ? JSON.stringify(row.cells) : null,
  ]);
}
