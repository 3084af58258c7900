import { Module } from '@nestjs/common';
import { UploadsModule } from '../../../core/uploads/uploads.module';
import { CustomerImportRunner } from './customer-import.runner';
import { CustomerImportsController } from './customer-imports.controller';
import { CustomerImportsRepository } from './customer-imports.repository';
import { CustomerImportsService } from './customer-imports.service';
import { ImportStagingRepository } from './import-staging.repository';
import { StagingSheetPool } from './sheets/staging-sheet-pool';
import { ReceiveImportUploadPipe } from './upload/import-upload';

/** Customer import from xlsx and CSV: streamed upload, staging by COPY, one merge per import. */
@Module({
  imports: [UploadsModule],
  controllers: [CustomerImportsController],
  providers: [
    CustomerImportsService,
    CustomerImportRunner,
    CustomerImportsRepository,
    ImportStagingRepository,
    ReceiveImportUploadPipe,
    StagingSheetPool,
  ],
})
export class CustomerImportsModule {}
