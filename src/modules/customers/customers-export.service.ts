import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { neutralizeCell } from '../../core/spreadsheets/neutralize';
import { CustomerResponse } from './dto/customer.dto';
import { CustomersRepository } from './customers.repository';
import { toCustomerResponse } from './customers.service';

const BATCH = 2000;

/** Headers the import recognises, so an export can be edited and imported back. */
const COLUMNS: [header: string, value: (customer: CustomerResponse) => unknown][] = [
  ['客户名称', (c) => c.name],
  ['手机号', (c) => c.phone],
  ['类型', (c) => c.segment],
  ['公司', (c) => c.company],
  ['城市', (c) => c.city],
  ['标签', (c) => c.tags.join('、')],
  ['购买频次', (c) => c.purchaseFrequency],
  ['客单价', (c) => c.avgOrderValue],
  ['负责人ID', (c) => c.ownerId],
  ['阶段', (c) => c.stage],
  ['最近互动', (c) => c.lastInteractionAt],
  ['创建时间', (c) => c.createdAt],
  ['客户ID', (c) => c.id],
];

/**
 * Exports the caller's scope (pool included, masked as in the API) as xlsx or
 * csv. Rows are read in keyset batches and streamed, so memory stays flat
 * however large the book; every text cell is neutralised against formula injection.
 */
@Injectable()
export class CustomersExportService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly scope: DataScopeService,
  ) {}

  xlsx(principal: Principal): StreamableFile {
    const output = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(COLUMNS.map(([header]) => header)).commit();
    void this.pump(principal, (row) => sheet.addRow(row).commit())
      .then(() => workbook.commit())
      .catch((error: Error) => output.destroy(error));
    return new StreamableFile(output, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="customers.xlsx"',
    });
  }

  csv(principal: Principal): StreamableFile {
    // A BOM, so that Excel on Chinese Windows opens the UTF-8 file correctly.
    const csv = stringify({ bom: true, header: true, columns: COLUMNS.map(([header]) => header) });
    void this.pump(principal, (row) => csv.write(row))
      .then(() => csv.end())
      .catch((error: Error) => csv.destroy(error));
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="customers.csv"',
    });
  }

  /** Feeds every customer in scope, newest first, as neutralised cell values. */
  private async pump(principal: Principal, write: (row: unknown[]) => void): Promise<void> {
    let after: [Date, string] | undefined;
    for (;;) {
      const params = new SqlParams();
      const where = [this.scope.predicate(principal, 'c.owner_id', params, { includePool: true })];
      if (after)
        where.push(
          `(c.created_at, c.id) < (${params.add(after[0])}, ${params.add(after[1])}::uuid)`,
        );
      // list() reads one row past the limit; it is written too, and the next batch starts after it.
      const rows = await this.customers.list(params, where, BATCH);
      for (const row of rows) {
        const customer = toCustomerResponse(row, principal);
        write(COLUMNS.map(([, value]) => neutralizeCell(value(customer) ?? null)));
      }
      if (rows.length <= BATCH) return;
      const last = rows[rows.length - 1];
      after = [last.createdAt, last.id];
    }
  }
}
