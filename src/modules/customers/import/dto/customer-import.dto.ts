import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import { IMPORT_STATUSES, ImportStatus } from '../customer-import.entity';
import type { SheetFormat } from '../../../../core/imports/sheets/file-format';

export class ImportRowErrorResponse {
  /** The spreadsheet row number; the header is row 1. */
  @ApiInteger() row: number;
  /** The field at fault: name, phone, company, segment, city, tags, purchaseFrequency, avgOrderValue or owner. */
  field: string;
  /** Why the row was rejected. */
  reason: string;
}

/** An import's summary. While it runs, `processedRows` grows and the counts are 0. */
export class CustomerImportResponse {
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

  /** Rows that created a customer: the first valid row of each phone no customer had. */
  @ApiInteger() created: number;

  /** Valid rows merged into an existing customer (from the database or an earlier row): empty fields filled, tags united, owner unchanged. */
  @ApiInteger() merged: number;

  /** Rejected rows; created + merged + invalid = totalRows. */
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
