import { Module } from '@nestjs/common';
import { StagingSheetPool } from './sheets/staging-sheet-pool';

/**
 * The shared spreadsheet-import machinery: one pool of sheet threads for
 * every importer (each importer module brings its journal, runner and service,
 * extending the classes of this folder).
 */
@Module({
  providers: [StagingSheetPool],
  exports: [StagingSheetPool],
})
export class ImportsModule {}
