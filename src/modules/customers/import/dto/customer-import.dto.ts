import { ApiInteger } from '../../../../core/openapi/api-formats';
import { ImportSummaryResponse } from '../../../../core/imports/import-summary.dto';

export { ImportRowErrorResponse } from '../../../../core/imports/import-summary.dto';

/** A customer import's summary; created + merged + invalid = totalRows. */
export class CustomerImportResponse extends ImportSummaryResponse {
  /** Valid rows merged into an existing customer (from the database or an earlier row): empty fields filled, tags united, owner unchanged. */
  @ApiInteger() merged: number;
}
