import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../../core/config/app-config';
import {
  ImportUploadPipe,
  ReceivedImportUpload,
} from '../../../../core/imports/upload/import-upload';
import { UploadRequest } from '../../../../core/uploads/multipart';
import { UploadReceiver } from '../../../../core/uploads/upload-receiver';
import { PRODUCT_COLUMNS } from '../domain/product-columns';

/** Receives the multipart form of `POST /products/imports`: `file` and `mapping?`. */
@Injectable()
export class ReceiveProductImportUploadPipe extends ImportUploadPipe<ReceivedImportUpload> {
  constructor(receiver: UploadReceiver, config: AppConfig) {
    super(receiver, config, PRODUCT_COLUMNS, [], 'products');
  }

  protected parseFields(): Record<string, never> {
    return {};
  }
}

/** The upload of a product import request, received by ReceiveProductImportUploadPipe. */
export const ProductImportUpload = () => UploadRequest(ReceiveProductImportUploadPipe);
