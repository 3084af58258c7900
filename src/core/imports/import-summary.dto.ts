import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTime, ApiUuid } from '../openapi/api-formats';
import { IMPORT_STATUSES, ImportStatus } from './import-journal';
import type { SheetFormat } from './sheets/file-format';

export class ImportRowErrorResponse {
  /** The spreadsheet row number; the header is row 1. */
  @ApiInteger() row: number;
  /** The field at fault, named as the import's columns are (e.g. phone, sku, listPrice). */
  field: string;
  /** Why the row was rejected, in the language of the request that started the import. */
  reason: string;
}

/**
 * An import's summary, as every importer answers it; each adds the count its
 * merge makes beside `created` and `invalid`. While it runs, `processedRows`
 * grows and the counts are 0.
 */
export class ImportSummaryResponse {
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

  /** Rows that created a record: the first valid row of each key (phone, SKU) no record had. */
  @ApiInteger() created: number;

  /** Rejected rows; the counts add up to totalRows. */
  @ApiInteger() invalid: number;

  /** The first 1000 row errors, by row; GET …/errors.xlsx has every rejected row. */
  errors: ImportRowErrorResponse[];

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
