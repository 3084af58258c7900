import { Module } from '@nestjs/common';
import { ImportsModule } from '../../../core/imports/imports.module';
import { UploadsModule } from '../../../core/uploads/uploads.module';
import { ProductImportRunner } from './product-import.runner';
import { ProductImportStagingRepository } from './product-import-staging.repository';
import { ProductImportsController } from './product-imports.controller';
import { ProductImportsRepository } from './product-imports.repository';
import { ProductImportsService } from './product-imports.service';
import { ReceiveProductImportUploadPipe } from './upload/product-import-upload';

/** Product import from xlsx and CSV on the shared import machinery: upsert by SKU, one merge per chunk. */
@Module({
  imports: [UploadsModule, ImportsModule],
  controllers: [ProductImportsController],
  providers: [
    ProductImportsService,
    ProductImportRunner,
    ProductImportsRepository,
    ProductImportStagingRepository,
    ReceiveProductImportUploadPipe,
  ],
})
export class ProductImportsModule {}
