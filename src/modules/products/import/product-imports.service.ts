import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { TransactionHost } from '../../../core/database/transaction-host';
import { Language } from '../../../core/i18n/text';
import { ImportPlan, SpreadsheetImportService } from '../../../core/imports/import-service';
import { ColumnMapping } from '../../../core/imports/header-mapping';
import { MissingColumnException } from '../../../core/imports/imports.exception';
import { StagingSheetPool } from '../../../core/imports/sheets/staging-sheet-pool';
import { ReceivedImportUpload } from '../../../core/imports/upload/import-upload';
import { SettingsService } from '../../../core/settings/settings.service';
import { productImportMessages } from '../products.exception';
import { PRODUCT_COLUMNS, ProductImportField } from './domain/product-columns';
import { PRODUCT_STAGING_FORMATTER, ProductStagingOptions } from './domain/product-row';
import { ProductImportRunner } from './product-import.runner';
import { ProductImportsRepository } from './product-imports.repository';

/**
 * The product import on the shared import machinery (core/imports): the
 * product columns, and the floor margin of rows that give none (the setting
 * when the import starts).
 */
@Injectable()
export class ProductImportsService extends SpreadsheetImportService<
  'updated',
  ProductStagingOptions,
  ReceivedImportUpload
> {
  protected readonly route = 'products/imports';
  protected readonly reportName = 'product-import';
  protected readonly noun = productImportMessages.productImport;
  protected readonly formatter = PRODUCT_STAGING_FORMATTER;

  constructor(
    tx: TransactionHost,
    imports: ProductImportsRepository,
    runner: ProductImportRunner,
    scope: DataScopeService,
    sheets: StagingSheetPool,
    private readonly settings: SettingsService,
  ) {
    super(tx, imports, runner, scope, sheets);
  }

  /** "The same request": the same file and mapping (key order aside). */
  protected fingerprintFields(): Record<string, unknown> {
    return {};
  }

  /** The route's roles are the whole check: the library is the organisation's. */
  protected authorize(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  protected async plan(
    _principal: unknown,
    upload: ReceivedImportUpload,
    headers: string[],
    language: Language,
  ): Promise<ImportPlan<ProductStagingOptions>> {
    const layout = PRODUCT_COLUMNS.recognizeColumns(
      headers,
      // The upload pipe parsed it with PRODUCT_COLUMNS: its fields are product fields.
      upload.mapping as ColumnMapping<ProductImportField>,
    );
    if (!layout.ok) throw new MissingColumnException(layout.errors);
    const { minMarginPct } = await this.settings.get();
    return { layout: layout.value, options: { settingMarginPct: minMarginPct, language } };
  }
}
