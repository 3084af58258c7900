import multipart, { MultipartFile } from '@fastify/multipart';
import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../../../../core/config/app-config';
import { FieldError, InvalidInputException } from '../../../../core/errors/domain.exception';
import { FileTooLargeException } from '../customer-imports.exception';
import { ColumnMapping, parseMapping } from '../domain/header-mapping';

/** The multipart form of `POST /customers/imports`. */
const FILE_FIELD = 'file';
const TEXT_FIELDS = ['ownerId', 'mapping'];
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

/** An upload saved to a temporary file; whoever receives it deletes the file. */
export interface ReceivedUpload {
  path: string;
  fileName: string;
  sha256: string;
  ownerId?: string;
  mapping: ColumnMapping;
}

/**
 * Lets Fastify parse multipart bodies. The file size limit is the import
 * limit (IMPORT_MAX_FILE_BYTES); the request body limit does not apply to
 * multipart streams, which go to disk rather than into memory.
 */
export async function registerMultipart(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  await app.register(multipart, {
    limits: {
      fileSize: config.importMaxFileBytes,
      files: 1,
      // Room for unknown fields, so they get a 400 naming them rather than a limit error.
      fields: 10,
      fieldSize: MAX_TEXT_FIELD_BYTES,
      parts: 12,
      headerPairs: 100,
    },
  });
}

/** Older uploads were left by a process that died: no live import takes this long. */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** The directory for uploads in flight; each file is deleted when its import ends. */
function uploadDirectory(config: AppConfig): string {
  return join(config.dataDir, 'tmp', 'imports');
}

export async function removeStaleUploads(config: AppConfig): Promise<void> {
  const directory = uploadDirectory(config);
  const names = await readdir(directory).catch(() => []);
  for (const name of names) {
    const path = join(directory, name);
    const modified = await stat(path).then(
      ({ mtimeMs }) => mtimeMs,
      () => Date.now(),
    );
    if (Date.now() - modified > STALE_UPLOAD_MS) await rm(path, { force: true });
  }
}

/**
 * Streams the multipart upload to a temporary file while hashing it, and
 * checks the text fields. The file is never held in memory, and it is
 * removed again if the request is refused here.
 */
@Injectable()
export class ReceiveImportUploadPipe implements PipeTransform<
  FastifyRequest,
  Promise<ReceivedUpload>
> {
  constructor(private readonly config: AppConfig) {}

  async transform(request: FastifyRequest): Promise<ReceivedUpload> {
    if (!request.isMultipart()) {
      throw new InvalidInputException(
        [{ field: FILE_FIELD, message: 'send the file as multipart/form-data' }],
        'The import expects a multipart/form-data body',
      );
    }
    const directory = uploadDirectory(this.config);
    await mkdir(directory, { recursive: true });
    const path = join(directory, `${randomUUID()}.upload`);
    try {
      return await this.receive(request, path);
    } catch (error) {
      await rm(path, { force: true });
      throw this.asUploadError(error);
    }
  }

  private async receive(request: FastifyRequest, path: string): Promise<ReceivedUpload> {
    let saved: Pick<ReceivedUpload, 'fileName' | 'sha256'> | undefined;
    const fields = new Map<string, string>();
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) throw unknownField(part.fieldname);
        saved = await this.save(part, path);
      } else {
        if (part.fieldname === FILE_FIELD) {
          throw new InvalidInputException([
            { field: FILE_FIELD, message: 'must be a file, sent with a filename' },
          ]);
        }
        if (!TEXT_FIELDS.includes(part.fieldname)) throw unknownField(part.fieldname);
        if (part.valueTruncated) {
          throw new InvalidInputException([
            { field: part.fieldname, message: `must be at most ${MAX_TEXT_FIELD_BYTES} bytes` },
          ]);
        }
        fields.set(part.fieldname, String(part.value));
      }
    }
    if (!saved) {
      throw new InvalidInputException([{ field: FILE_FIELD, message: 'is required' }]);
    }
    return { path, ...saved, ...parseTextFields(fields) };
  }

  /** Writes the file part to `path`, hashing it on the way; the plugin counts it against the limit. */
  private async save(part: MultipartFile, path: string) {
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(part.file, hashing, createWriteStream(path));
    // At the limit the plugin ends the stream early and only flags it.
    if (part.file.truncated) throw new FileTooLargeException(this.config.importMaxFileBytes);
    return { fileName: part.filename, sha256: hash.digest('hex') };
  }

  /** The multipart plugin's own errors (limits, malformed bodies) as problems with our codes. */
  private asUploadError(error: unknown): unknown {
    const code = (error as { code?: string } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      return new FileTooLargeException(this.config.importMaxFileBytes);
    if (typeof code === 'string' && code.startsWith('FST_')) {
      return new InvalidInputException(
        [{ field: FILE_FIELD, message: (error as Error).message }],
        'The multipart body cannot be read',
      );
    }
    return error;
  }
}

function unknownField(name: string): InvalidInputException {
  return new InvalidInputException(
    [
      {
        field: name,
        message: `is not a field of this form (${[FILE_FIELD, ...TEXT_FIELDS].join(', ')})`,
      },
    ],
    'The request has invalid or unknown fields',
  );
}

function parseTextFields(fields: Map<string, string>): Pick<ReceivedUpload, 'ownerId' | 'mapping'> {
  const errors: FieldError[] = [];
  const ownerId = fields.get('ownerId') || undefined;
  if (ownerId !== undefined && !isUUID(ownerId))
    errors.push({ field: 'ownerId', message: 'must be a UUID' });
  const mappingJson = fields.get('mapping')?.trim();
  const mapping = mappingJson ? parseMapping(mappingJson) : { ok: true as const, value: new Map() };
  if (!mapping.ok) errors.push(...mapping.errors);
  if (errors.length || !mapping.ok) throw new InvalidInputException(errors);
  return { ownerId, mapping: mapping.value };
}

const RequestForUpload = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>(),
);

/** The upload of an import request, received by ReceiveImportUploadPipe. */
export const ImportUpload = () => RequestForUpload(ReceiveImportUploadPipe);
