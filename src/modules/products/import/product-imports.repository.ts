import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import { ImportCounts, ImportJournal, ImportRecord } from '../../../core/imports/import-journal';

/** A product import as the API reports it: created + updated + invalid = totalRows. */
export type ProductImportRecord = ImportRecord<'updated'>;
export type ProductImportCounts = ImportCounts<'updated'>;

/** The shared import journal (core/imports) over product_imports and product_import_rejections. */
@Injectable()
export class ProductImportsRepository extends ImportJournal<'updated'> {
  constructor(tx: TransactionHost) {
    super(tx, {
      imports: 'product_imports',
      rejections: 'product_import_rejections',
      matchedCount: 'updated',
    });
  }
}
