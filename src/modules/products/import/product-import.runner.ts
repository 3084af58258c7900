import { Injectable } from '@nestjs/common';
import { AuditService } from '../../../core/audit/audit.service';
import { TransactionHost } from '../../../core/database/transaction-host';
import { ImportJob, ImportRunner, MergeFacts } from '../../../core/imports/import-runner';
import { ProductStagingOptions } from './domain/product-row';
import { countProductImport } from './domain/product-import-counts';
import { ProductImportStagingRepository } from './product-import-staging.repository';
import { ProductImportCounts, ProductImportsRepository } from './product-imports.repository';

export type ProductImportJob = ImportJob<ProductStagingOptions>;

/**
 * The shared import runner (core/imports) with the product upsert: staging by
 * COPY, one INSERT … ON CONFLICT (sku) DO UPDATE per chunk, counted as
 * created, updated and invalid, and one `product_import` audit event for the
 * whole import, as the customer import records its own.
 */
@Injectable()
export class ProductImportRunner extends ImportRunner<'updated', ProductStagingOptions> {
  protected readonly label = 'Product import';
  protected readonly auditEntity = 'product_import';

  constructor(
    tx: TransactionHost,
    imports: ProductImportsRepository,
    audit: AuditService,
    private readonly staging: ProductImportStagingRepository,
  ) {
    super(tx, imports, audit);
  }

  protected begin(): Promise<void> {
    return this.staging.begin();
  }

  protected mergeChunk(records: Uint8Array[], job: ProductImportJob): Promise<MergeFacts> {
    return this.staging.mergeChunk(records, {
      importId: job.id,
      createdBy: job.principal.userId,
    });
  }

  protected count(facts: MergeFacts): ProductImportCounts {
    return countProductImport(facts);
  }
}
