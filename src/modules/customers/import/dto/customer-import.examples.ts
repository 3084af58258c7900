import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { CustomerImportResponse } from './customer-import.dto';

/** A finished import of a 客户清单 spreadsheet with two rejected rows. */
export const CUSTOMER_IMPORT_EXAMPLE: CustomerImportResponse = {
  id: EXAMPLE_IDS.customerImport,
  status: 'completed',
  fileName: '华东区客户清单.xlsx',
  format: 'xlsx',
  totalRows: 2300,
  processedRows: 2300,
  created: 2231,
  merged: 67,
  invalid: 2,
  errors: [
    {
      row: 17,
      field: 'phone',
      reason: 'is not a valid Chinese mobile or landline number with area code',
    },
    { row: 254, field: 'phone', reason: 'DUPLICATE_PHONE: already belongs to a customer of 李娜' },
  ],
  failureCode: null,
  failureReason: null,
  createdAt: '2026-12-05T01:00:00.000Z',
  finishedAt: '2026-12-05T01:00:04.000Z',
};
