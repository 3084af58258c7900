import { ImportSummaryResponse } from '../../../../core/imports/import-summary.dto';
import { ApiInteger } from '../../../../core/openapi/api-formats';

/** A product import's summary; created + updated + invalid = totalRows. */
export class ProductImportResponse extends ImportSummaryResponse {
  /** Other valid rows: a SKU a product had (or an earlier row added), written over it if anything changed. */
  @ApiInteger() updated: number;
}
