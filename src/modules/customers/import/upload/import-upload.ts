import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { rm } from 'node:fs/promises';
import { AppConfig } from '../../../../core/config/app-config';
import { FieldError, InvalidInputException } from '../../../../core/errors/domain.exception';
import { httpMessages } from '../../../../core/http/http.messages';
import { UploadRequest } from '../../../../core/uploads/multipart';
import { UploadForm, UploadReceiver } from '../../../../core/uploads/upload-receiver';
import { ColumnMapping, parseMapping } from '../domain/header-mapping';

/** An import's upload saved to a temporary file; whoever receives it deletes the file. */
export interface ReceivedUpload {
  path: string;
  fileName: string;
  sha256: string;
  ownerId?: string;
  mapping: ColumnMapping;
}

/** Receives the multipart form of `POST /customers/imports` and checks its text fields. */
@Injectable()
export class ReceiveImportUploadPipe implements PipeTransform<
  FastifyRequest,
  Promise<ReceivedUpload>
> {
  private readonly form: UploadForm;

  constructor(
    private readonly receiver: UploadReceiver,
    config: AppConfig,
  ) {
    this.form = {
      maxFileBytes: config.importMaxFileBytes,
      textFields: ['ownerId', 'mapping'],
      fallbackFileName: 'customers',
    };
  }

  async transform(request: FastifyRequest): Promise<ReceivedUpload> {
    const { file, fields } = await this.receiver.receive(request, this.form);
    // From here the file is ours to delete, also when its fields are refused.
    try {
      return {
        path: file.path,
        fileName: file.fileName,
        sha256: file.sha256,
        ...parseTextFields(fields),
      };
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
  }
}

function parseTextFields(
  fields: ReadonlyMap<string, string>,
): Pick<ReceivedUpload, 'ownerId' | 'mapping'> {
  const errors: FieldError[] = [];
  const ownerId = fields.get('ownerId') || undefined;
  if (ownerId !== undefined && !isUUID(ownerId))
    errors.push({ field: 'ownerId', message: httpMessages.notUuid });
  const mappingJson = fields.get('mapping')?.trim();
  const mapping = mappingJson ? parseMapping(mappingJson) : { ok: true as const, value: new Map() };
  if (!mapping.ok) errors.push(...mapping.errors);
  if (errors.length || !mapping.ok) throw new InvalidInputException(errors);
  return { ownerId, mapping: mapping.value };
}

/** The upload of an import request, received by ReceiveImportUploadPipe. */
export const ImportUpload = () => UploadRequest(ReceiveImportUploadPipe);
