import { Module } from '@nestjs/common';
import { ImportsModule } from '../../../core/imports/imports.module';
import { UploadsModule } from '../../../core/uploads/uploads.module';
import { CustomerImportRunner } from './customer-import.runner';
import { CustomerImportsController } from './customer-imports.controller';
import { CustomerImportsRepository } from './customer-imports.repository';
import { CustomerImportsService } from './customer-imports.service';
import { ImportStagingRepository } from './import-staging.repository';

import { ReceiveImportUploadPipe } from './upload/import-upload';

/** Customer import from xlsx and CSV: streamed upload, staging by COPY, one merge per import. */
@Module({
  imports: [UploadsModule, ImportsModule],
  controllers: [CustomerImportsController],
  providers: [
    CustomerImportsService,
    CustomerImportRunner,
    CustomerImportsRepository,
    ImportStagingRepository,
    ReceiveImportUploadPipe,
  ],
})
export class CustomerImportsModule {}
