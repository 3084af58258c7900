import { Module } from '@nestjs/common';
import { UploadReceiver } from './upload-receiver';

/** Multipart file uploads, for every module that takes them. */
@Module({
  providers: [UploadReceiver],
  exports: [UploadReceiver],
})
export class UploadsModule {}
