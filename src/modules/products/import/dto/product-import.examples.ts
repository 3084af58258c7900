import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { ProductImportResponse } from './product-import.dto';

/** A finished import of a 价格表 spreadsheet with two rejected rows. */
export const PRODUCT_IMPORT_EXAMPLE: ProductImportResponse = {
  id: EXAMPLE_IDS.productImport,
  status: 'completed',
  fileName: '2027 价格表.xlsx',
  format: 'xlsx',
  totalRows: 420,
  processedRows: 420,
  created: 35,
  updated: 383,
  invalid: 2,
  errors: [
    {
      row: 12,
      field: 'listPrice',
      reason:
        'LIST_PRICE_BELOW_FLOOR: must be at least the floor price 34.29 (a 12.5 % margin over cost)',
    },
    {
      row: 97,
      field: 'sku',
      reason: 'may contain only letters, digits and ._/+- and must start with a letter or digit',
    },
  ],
  failureCode: null,
  failureReason: null,
  createdAt: '2026-12-05T01:00:00.000Z',
  finishedAt: '2026-12-05T01:00:02.000Z',
};
