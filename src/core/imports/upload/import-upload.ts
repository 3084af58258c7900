import { PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { rm } from 'node:fs/promises';
import { AppConfig } from '../../config/app-config';
import { FieldError, InvalidInputException } from '../../errors/domain.exception';
import { UploadForm, UploadReceiver } from '../../uploads/upload-receiver';
import { ColumnMapping, HeaderMatcher } from '../header-mapping';

/** An import's upload saved to a temporary file; whoever receives it deletes the file. */
export interface ReceivedImportUpload {
  path: string;
  fileName: string;
  sha256: string;
  /** The `mapping` form field: column header → field (or null to ignore the column). */
  mapping: ColumnMapping;
}

/**
 * Receives the multipart form of an import (`file`, `mapping` and the
 * importer's own text fields) through the UploadReceiver, within the import
 * size limit, and checks its text fields; any problem is one 400 naming each.
 * Each importer extends it with its fields (see parseFields).
 */
export abstract class ImportUploadPipe<
  Upload extends ReceivedImportUpload,
> implements PipeTransform<FastifyRequest, Promise<Upload>> {
  private readonly form: UploadForm;

  constructor(
    private readonly receiver: UploadReceiver,
    config: AppConfig,
    private readonly columns: HeaderMatcher<string>,
    extraFields: string[],
    fallbackFileName: string,
  ) {
    this.form = {
      maxFileBytes: config.importMaxFileBytes,
      textFields: [...extraFields, 'mapping'],
      fallbackFileName,
    };
  }

  /** The importer's own text fields, its problems pushed onto `errors`. */
  protected abstract parseFields(
    fields: ReadonlyMap<string, string>,
    errors: FieldError[],
  ): Omit<Upload, keyof ReceivedImportUpload>;

  async transform(request: FastifyRequest): Promise<Upload> {
    const { file, fields } = await this.receiver.receive(request, this.form);
    // From here the file is ours to delete, also when its fields are refused.
    try {
      const errors: FieldError[] = [];
      const own = this.parseFields(fields, errors);
      const mappingJson = fields.get('mapping')?.trim();
      const mapping = mappingJson
        ? this.columns.parseMapping(mappingJson)
        : { ok: true as const, value: new Map() };
      if (!mapping.ok) errors.push(...mapping.errors);
      if (errors.length || !mapping.ok) throw new InvalidInputException(errors);
      return {
        path: file.path,
        fileName: file.fileName,
        sha256: file.sha256,
        mapping: mapping.value,
        ...own,
      } as Upload;
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
  }
}
