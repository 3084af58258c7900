import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../core/idempotency/idempotency.module';
import { UploadsModule } from '../../core/uploads/uploads.module';
import { ReceiveAttachmentPipe } from './attachment-upload';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/** Uploaded files: content-addressed bytes in the database, read in the uploader's or the subject's scope. */
@Module({
  imports: [IdempotencyModule, UploadsModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentsRepository, ReceiveAttachmentPipe],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
