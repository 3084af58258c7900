import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { TransactionHost } from '../../../core/database/transaction-host';
import { Language } from '../../../core/i18n/text';
import { ImportPlan, SpreadsheetImportService } from '../../../core/imports/import-service';
import { StagingSheetPool } from '../../../core/imports/sheets/staging-sheet-pool';
import { OwnerNotAllowedException, OwnerOutOfScopeException } from '../customers.exception';
import { decideOwner } from '../domain/ownership';
import { CustomerImportRunner } from './customer-import.runner';
import { importMessages, MissingColumnException } from './customer-imports.exception';
import { CustomerImportsRepository } from './customer-imports.repository';
import { recognizeColumns } from './domain/header-mapping';
import { CUSTOMER_STAGING_FORMATTER, StagingOptions } from './domain/staging-row';
import { ImportStagingRepository } from './import-staging.repository';
import { ReceivedUpload } from './upload/import-upload';

/**
 * The customer import on the shared import machinery (core/imports): the
 * owner of rows that name none, and the customer columns.
 */
@Injectable()
export class CustomerImportsService extends SpreadsheetImportService<
  'merged',
  StagingOptions,
  ReceivedUpload
> {
  protected readonly route = 'customers/imports';
  protected readonly reportName = 'customer-import';
  protected readonly noun = importMessages.customerImport;
  protected readonly formatter = CUSTOMER_STAGING_FORMATTER;

  constructor(
    tx: TransactionHost,
    imports: CustomerImportsRepository,
    runner: CustomerImportRunner,
    scope: DataScopeService,
    sheets: StagingSheetPool,
    private readonly staging: ImportStagingRepository,
  ) {
    super(tx, imports, runner, scope, sheets);
  }

  /** "The same request": the same file, ownerId and mapping (key order aside). */
  protected fingerprintFields(upload: ReceivedUpload): Record<string, unknown> {
    return { ownerId: upload.ownerId ?? null };
  }

  /** Rows without an owner column go where POST /customers would put them; an ownerId must be assignable. */
  protected async authorize(principal: Principal, upload: ReceivedUpload): Promise<string | null> {
    const decision = decideOwner(principal, upload.ownerId);
    if (decision === 'rep_must_own') throw new OwnerNotAllowedException();
    if (
      decision.kind === 'check_scope' &&
      !(await this.staging.canAssignTo(principal, decision.userId))
    ) {
      throw new OwnerOutOfScopeException('ownerId');
    }
    return decision.userId;
  }

  protected plan(
    principal: Principal,
    upload: ReceivedUpload,
    headers: string[],
    language: Language,
    defaultOwnerId: unknown,
  ): Promise<ImportPlan<StagingOptions>> {
    const layout = recognizeColumns(headers, upload.mapping);
    if (!layout.ok) throw new MissingColumnException(layout.errors);
    return Promise.resolve({
      layout: layout.value,
      options: {
        defaultOwnerId: defaultOwnerId as string | null,
        // The merge may reject valid rows of a caller who does not see every customer.
        keepCells: !this.scope.scopeOf(principal).all,
        language,
      },
    });
  }
}
