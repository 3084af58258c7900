import { Injectable, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../core/config/app-config';
import { UploadRequest } from '../../core/uploads/multipart';
import { ReceivedFile, UploadForm, UploadReceiver } from '../../core/uploads/upload-receiver';

/** Receives the multipart form of `POST /attachments`: the file and nothing else. */
@Injectable()
export class ReceiveAttachmentPipe implements PipeTransform<FastifyRequest, Promise<ReceivedFile>> {
  private readonly form: UploadForm;

  constructor(
    private readonly receiver: UploadReceiver,
    config: AppConfig,
  ) {
    this.form = {
      maxFileBytes: config.attachmentMaxBytes,
      textFields: [],
      fallbackFileName: 'attachment',
    };
  }

  async transform(request: FastifyRequest): Promise<ReceivedFile> {
    return (await this.receiver.receive(request, this.form)).file;
  }
}

/** The file of an attachment upload, received by ReceiveAttachmentPipe. */
export const AttachmentUpload = () => UploadRequest(ReceiveAttachmentPipe);
