import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../core/audit/audit.service';
import { TransactionHost } from '../../../core/database/transaction-host';
import { ImportJob, ImportRunner, MergeFacts } from '../../../core/imports/import-runner';
import { CustomerImportCounts, CustomerImportsRepository } from './customer-imports.repository';
import { countImport } from './domain/import-counts';
import { StagingOptions } from './domain/staging-row';
import { ImportStagingRepository } from './import-staging.repository';

export { MAX_IMPORT_ROWS } from '../../../core/imports/import-runner';

export type CustomerImportJob = ImportJob<StagingOptions>;

/**
 * The shared import runner (core/imports) with the customer merge: staging
 * by COPY, one INSERT … ON CONFLICT (phone) per chunk, counted as created,
 * merged and invalid.
 */
@Injectable()
export class CustomerImportRunner extends ImportRunner<'merged', StagingOptions> {
  protected readonly label = 'Customer import';
  protected readonly auditEntity = 'customer_import';

  constructor(
    tx: TransactionHost,
    imports: CustomerImportsRepository,
    audit: AuditService,
    private readonly staging: ImportStagingRepository,
  ) {
    super(tx, imports, audit);
  }

  protected begin(): Promise<void> {
    return this.staging.begin();
  }

  protected mergeChunk(
    records: Uint8Array[],
    job: CustomerImportJob,
    rowsBefore: number,
  ): Promise<MergeFacts> {
    return this.staging.mergeChunk(records, {
      importId: job.id,
      principal: job.principal,
      namesOwners: job.plan.layout.owner !== undefined,
      rowsBefore,
      language: job.language,
    });
  }

  protected count(facts: MergeFacts): CustomerImportCounts {
    return countImport(facts);
  }
}
