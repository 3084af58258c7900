import Decimal from 'decimal.js';
import type { Language, Text } from '../../../../core/i18n/text';
import { moneyText, percentText } from '../../../../core/imports/cell-values';
import { copyRecord } from '../../../../core/imports/sheets/copy-format';
import type { SheetRow } from '../../../../core/imports/sheets/sheet-row';
import {
  effectiveMinMarginPct,
  floorPrice,
  isBelowFloor,
  presentFloorPrice,
} from '../../domain/floor-price';
import {
  DEFAULT_TAX_RATE_PCT,
  MAX_MIN_MARGIN_PCT,
  MONEY,
  NO_COMMA,
  POSITIVE_MONEY,
  PRODUCT_MAX_LENGTH,
  SKU,
} from '../../domain/product-patterns';
import { productImportMessages as messages } from '../../products.exception';
import { PRODUCT_COLUMNS, ProductColumnLayout, ProductImportField } from './product-columns';

/**
 * A valid row, as the products table stores it: money and percentages as
 * plain decimal strings, which PostgreSQL's numeric columns take exactly.
 */
export interface ProductRowValues {
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  cost: string;
  taxRatePct: string;
  category: string | null;
  minMarginPct: string | null;
}

export interface ProductRowError {
  field: ProductImportField;
  reason: Text;
}

export type ProductRowValidation =
  { ok: true; values: ProductRowValues } | { ok: false; errors: ProductRowError[] };

type FieldCheck<T> = { value: T } | { reason: Text };

/** Up to 3 integer digits and 2 decimals; the range is checked on the decimal. */
const PERCENTAGE = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * Checks one row's cells as `POST /products` checks a body: the SKU pattern,
 * the lengths, money above zero (list price) or from zero (cost),
 * percentages in range, and a list price not below the floor price, at the
 * row's own `minMarginPct` or else the setting `settingMarginPct`. Every
 * problem is reported, not only the first. Empty optional cells take the
 * defaults of `POST /products` (tax rate 13, no category, the setting's margin).
 */
export function validateProductRow(
  cells: Partial<Record<ProductImportField, string>>,
  settingMarginPct: number,
): ProductRowValidation {
  const errors: ProductRowError[] = [];
  const checked = <T>(field: ProductImportField, check: FieldCheck<T>): T => {
    if ('value' in check) return check.value;
    errors.push({ field, reason: check.reason });
    return undefined as T; // never read: a row with errors returns only its errors
  };
  const text = (field: ProductImportField) => (cells[field] ?? '').trim();
  const values: ProductRowValues = {
    sku: checked('sku', skuOf(text('sku'))),
    name: checked('name', required(text('name'), PRODUCT_MAX_LENGTH.name)),
    unit: checked('unit', required(text('unit'), PRODUCT_MAX_LENGTH.unit)),
    listPrice: checked('listPrice', moneyOf(text('listPrice'), POSITIVE_MONEY, messages.listPrice)),
    cost: checked('cost', moneyOf(text('cost'), MONEY, messages.cost)),
    taxRatePct:
      checked('taxRatePct', percentageOf(text('taxRatePct'), 100)) ?? String(DEFAULT_TAX_RATE_PCT),
    category: checked('category', categoryOf(text('category'))),
    minMarginPct: checked('minMarginPct', percentageOf(text('minMarginPct'), MAX_MIN_MARGIN_PCT)),
  };
  if (errors.length) return { ok: false, errors };
  const marginPct = effectiveMinMarginPct(
    values.minMarginPct === null ? null : Number(values.minMarginPct),
    settingMarginPct,
  );
  if (isBelowFloor(values.listPrice, values.cost, marginPct)) {
    const floor = presentFloorPrice(floorPrice(values.cost, marginPct));
    return {
      ok: false,
      errors: [{ field: 'listPrice', reason: messages.listPriceBelowFloor(floor, marginPct) }],
    };
  }
  return { ok: true, values };
}

function required(text: string, maxLength: number): FieldCheck<string> {
  if (!text) return { reason: messages.required };
  if (text.length > maxLength) return { reason: messages.tooLong(maxLength) };
  return { value: text };
}

function skuOf(text: string): FieldCheck<string> {
  const sku = required(text.normalize('NFKC'), PRODUCT_MAX_LENGTH.sku);
  if (!('value' in sku)) return sku;
  return SKU.test(sku.value) ? sku : { reason: messages.sku };
}

function moneyOf(text: string, pattern: RegExp, reason: Text): FieldCheck<string> {
  if (!text) return { reason: messages.required };
  const amount = moneyText(text);
  return pattern.test(amount) ? { value: amount } : { reason };
}

/** A percentage from 0 to `max`, up to 2 decimals; empty is null (the default applies). */
function percentageOf(text: string, max: number): FieldCheck<string | null> {
  if (!text) return { value: null };
  const number = percentText(text);
  if (!PERCENTAGE.test(number) || new Decimal(number).gt(max)) {
    return { reason: messages.percentage(max) };
  }
  return { value: number };
}

function categoryOf(text: string): FieldCheck<string | null> {
  if (!text) return { value: null };
  const category = required(text, PRODUCT_MAX_LENGTH.category);
  if (!('value' in category)) return category;
  return NO_COMMA.test(category.value) ? category : { reason: messages.category };
}

/** The staging table's columns, in the order `stagingRecord` writes them. */
export const PRODUCT_STAGING_COLUMNS = [
  'row_number',
  'sku',
  'name',
  'unit',
  'list_price',
  'cost',
  'tax_rate_pct',
  'category',
  'min_margin_pct',
  'errors',
  'raw_values',
] as const;

const NO_VALUES = Array<null>(PRODUCT_STAGING_COLUMNS.length - 3).fill(null);

/** How one product import stages its rows. */
export interface ProductStagingOptions {
  /** The setting `minMarginPct` when the import started: the floor of rows that give none. */
  settingMarginPct: number;
  /** The language of the request that started the import: rejected rows' reasons are in it. */
  language: Language;
}

/** This module, which the shared formatter thread loads to stage product rows (see StagingPlan). */
export const PRODUCT_STAGING_FORMATTER = __filename;

/**
 * One COPY record for the product staging table: a valid row with its values,
 * an invalid one with its errors and its original cells, for the error report.
 */
export function stagingRecord(
  row: SheetRow,
  layout: ProductColumnLayout,
  { settingMarginPct, language }: ProductStagingOptions,
): string {
  const result = validateProductRow(
    PRODUCT_COLUMNS.cellsByField(row.cells, layout),
    settingMarginPct,
  );
  const number = String(row.number);
  if (!result.ok) {
    const errors = result.errors.map(({ field, reason }) => ({ field, reason: reason[language] }));
    return copyRecord([number, ...NO_VALUES, JSON.stringify(errors), JSON.stringify(row.cells)]);
  }
  const { values } = result;
  return copyRecord([
    number,
    values.sku,
    values.name,
    values.unit,
    values.listPrice,
    values.cost,
    values.taxRatePct,
    values.category,
    values.minMarginPct,
    null,
    null,
  ]);
}
