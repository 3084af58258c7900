import { ApiProperty } from '@nestjs/swagger';
import { IMPORT_STATUSES, ImportStatus } from '../../../../core/imports/import-journal';
import type { SheetFormat } from '../../../../core/imports/sheets/file-format';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';

export class ProductImportRowErrorResponse {
  /** The spreadsheet row number; the header is row 1. */
  @ApiInteger() row: number;
  /** The field at fault: sku, name, unit, listPrice, cost, taxRatePct, category or minMarginPct. */
  field: string;
  /** Why the row was rejected, in the language of the request that started the import. */
  reason: string;
}

/** A product import's summary. While it runs, `processedRows` grows and the counts are 0. */
export class ProductImportResponse {
  @ApiUuid() id: string;

  @ApiProperty({ enum: IMPORT_STATUSES })
  status: ImportStatus;

  /** The uploaded file's name, as the client sent it. */
  fileName: string;

  @ApiProperty({ enum: ['xlsx', 'csv'] })
  format: SheetFormat;

  /** Data rows in the file (blank rows aside); null until the whole file is read. */
  @ApiProperty({ type: 'integer', nullable: true })
  totalRows: number | null;

  /** Rows read so far; equals totalRows once the file is read. */
  @ApiInteger() processedRows: number;

  /** Rows that added a product: the first valid row of each SKU no product had. */
  @ApiInteger() created: number;

  /** Other valid rows: a SKU a product had (or an earlier row added), written over it if anything changed. */
  @ApiInteger() updated: number;

  /** Rejected rows; created + updated + invalid = totalRows. */
  @ApiInteger() invalid: number;

  /** The first 1000 row errors, by row; GET …/errors.xlsx has every rejected row. */
  errors: ProductImportRowErrorResponse[];

  /** Why a failed import failed, as a machine code (e.g. TOO_MANY_ROWS, IMPORT_INTERRUPTED). */
  @ApiProperty({ type: String, nullable: true })
  failureCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureReason: string | null;

  @ApiTime() createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  @ApiTime()
  finishedAt: string | null;
}
