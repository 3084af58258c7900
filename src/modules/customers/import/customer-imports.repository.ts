import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import { ImportCounts, ImportJournal, ImportRecord } from '../../../core/imports/import-journal';

export { RejectedRow, STALE_AFTER_SECONDS } from '../../../core/imports/import-journal';

/** A customer import as the API reports it: created + merged + invalid = totalRows. */
export type CustomerImportRecord = ImportRecord<'merged'>;
export type CustomerImportCounts = ImportCounts<'merged'>;

/** The shared import journal (core/imports) over customer_imports and customer_import_rejections. */
@Injectable()
export class CustomerImportsRepository extends ImportJournal<'merged'> {
  constructor(tx: TransactionHost) {
    super(tx, {
      imports: 'customer_imports',
      rejections: 'customer_import_rejections',
      matchedCount: 'merged',
    });
  }
}
