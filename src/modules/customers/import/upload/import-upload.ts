import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppConfig } from '../../../../core/config/app-config';
import { FieldError } from '../../../../core/errors/domain.exception';
import { httpMessages } from '../../../../core/http/http.messages';
import {
  ImportUploadPipe,
  ReceivedImportUpload,
} from '../../../../core/imports/upload/import-upload';
import { UploadRequest } from '../../../../core/uploads/multipart';
import { UploadReceiver } from '../../../../core/uploads/upload-receiver';
import { ColumnMapping, CUSTOMER_COLUMNS } from '../domain/header-mapping';

/** A customer import's upload saved to a temporary file; whoever receives it deletes the file. */
export interface ReceivedUpload extends ReceivedImportUpload {
  ownerId?: string;
  mapping: ColumnMapping;
}

/** Receives the multipart form of `POST /customers/imports` and checks its text fields. */
@Injectable()
export class ReceiveImportUploadPipe extends ImportUploadPipe<ReceivedUpload> {
  constructor(receiver: UploadReceiver, config: AppConfig) {
    super(receiver, config, CUSTOMER_COLUMNS, ['ownerId'], 'customers');
  }

  protected parseFields(
    fields: ReadonlyMap<string, string>,
    errors: FieldError[],
  ): Pick<ReceivedUpload, 'ownerId'> {
    const ownerId = fields.get('ownerId') || undefined;
    if (ownerId !== undefined && !isUUID(ownerId)) {
      errors.push({ field: 'ownerId', message: httpMessages.notUuid });
    }
    return { ownerId };
  }
}

/** The upload of an import request, received by ReceiveImportUploadPipe. */
export const ImportUpload = () => UploadRequest(ReceiveImportUploadPipe);
