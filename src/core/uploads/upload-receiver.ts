import { MultipartFile } from '@fastify/multipart';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config/app-config';
import { commonMessages, InvalidInputException } from '../errors/domain.exception';
import { cleanFileName } from './file-name';
import { MAX_TEXT_FIELD_BYTES } from './multipart';
import { FileTooLargeException, uploadMessages } from './uploads.exception';

/** Every upload form sends its file in this field. */
export const FILE_FIELD = 'file';

/** Older files were left by a process that died: no upload is worked on for this long. */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** What one route accepts. */
export interface UploadForm {
  /** Largest file, in bytes; a larger one gets 413 FILE_TOO_LARGE. */
  maxFileBytes: number;
  /** Text fields allowed beside the file; any other field gets 400 naming it. */
  textFields: readonly string[];
  /** The file's name when the client sends none (or only control characters). */
  fallbackFileName: string;
}

/** The file of an upload, saved to a temporary file that whoever receives it deletes. */
export interface ReceivedFile {
  path: string;
  /** The file name the client sent, made safe to store and show (see cleanFileName). */
  fileName: string;
  /** The Content-Type the client declared for the part; a claim, not a fact. */
  declaredType: string;
  sha256: string;
  size: number;
}

export interface ReceivedForm {
  file: ReceivedFile;
  /** The text fields sent, by name. */
  fields: ReadonlyMap<string, string>;
}

/**
 * Receives multipart uploads: streams the one file part to a temporary file
 * while hashing and counting it, against the route's own size limit, and
 * checks the form's fields. The file is never held in memory, and it is
 * removed again if the request is refused here. Files left by a process that
 * died are removed at the next boot.
 */
@Injectable()
export class UploadReceiver implements OnApplicationBootstrap {
  private readonly directory: string;

  constructor(config: AppConfig) {
    this.directory = join(config.dataDir, 'tmp', 'uploads');
  }

  async onApplicationBootstrap(): Promise<void> {
    const names = await readdir(this.directory).catch(() => []);
    for (const name of names) {
      const path = join(this.directory, name);
      const modified = await stat(path).then(
        ({ mtimeMs }) => mtimeMs,
        () => Date.now(),
      );
      if (Date.now() - modified > STALE_UPLOAD_MS) await rm(path, { force: true });
    }
  }

  async receive(request: FastifyRequest, form: UploadForm): Promise<ReceivedForm> {
    if (!request.isMultipart()) {
      throw new InvalidInputException(
        [{ field: FILE_FIELD, message: uploadMessages.notMultipart }],
        uploadMessages.notMultipartDetail,
      );
    }
    await mkdir(this.directory, { recursive: true });
    const path = join(this.directory, `${randomUUID()}.upload`);
    try {
      return await this.readParts(request, form, path);
    } catch (error) {
      await rm(path, { force: true });
      throw asUploadError(error, form);
    }
  }

  private async readParts(
    request: FastifyRequest,
    form: UploadForm,
    path: string,
  ): Promise<ReceivedForm> {
    let file: ReceivedFile | undefined;
    const fields = new Map<string, string>();
    for await (const part of request.parts({ limits: { fileSize: form.maxFileBytes } })) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) throw unknownField(part.fieldname, form);
        file = await save(part, path, form);
      } else {
        if (part.fieldname === FILE_FIELD) {
          throw new InvalidInputException([
            { field: FILE_FIELD, message: uploadMessages.fileAsText },
          ]);
        }
        if (!form.textFields.includes(part.fieldname)) throw unknownField(part.fieldname, form);
        if (part.valueTruncated) {
          throw new InvalidInputException([
            { field: part.fieldname, message: uploadMessages.fieldTooLong(MAX_TEXT_FIELD_BYTES) },
          ]);
        }
        fields.set(part.fieldname, String(part.value));
      }
    }
    if (!file) {
      throw new InvalidInputException([{ field: FILE_FIELD, message: uploadMessages.required }]);
    }
    return { file, fields };
  }
}

/** Writes the file part to `path`, hashing and counting it on the way. */
async function save(part: MultipartFile, path: string, form: UploadForm): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let size = 0;
  const measuring = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(part.file, measuring, createWriteStream(path));
  // At the limit the plugin ends the stream early and only flags it.
  if (part.file.truncated) throw new FileTooLargeException(form.maxFileBytes);
  return {
    path,
    // An empty filename="" reaches us as no name at all, whatever the typings say.
    fileName: cleanFileName(part.filename ?? '', form.fallbackFileName),
    declaredType: part.mimetype,
    sha256: hash.digest('hex'),
    size,
  };
}

/**
 * What the multipart parser (busboy, under the plugin) says of a body it
 * cannot read: a missing or overlong boundary, a body cut short. Its errors
 * carry no code, so they are told from a disk error by their messages.
 */
const MALFORMED_MULTIPART = [
  /^Multipart: Boundary not found/,
  /^The needle cannot/,
  /terminated early due to unexpected end of multipart data$/,
  /^Unexpected end of multipart data$/,
  /^Malformed part header$/,
];

/** The multipart plugin's own errors (limits, malformed bodies) as problems with our codes. */
function asUploadError(error: unknown, form: UploadForm): unknown {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new FileTooLargeException(form.maxFileBytes);
  const malformed =
    (typeof code === 'string' && code.startsWith('FST_')) ||
    (code === undefined && MALFORMED_MULTIPART.some((pattern) => pattern.test(message ?? '')));
  if (malformed) {
    return new InvalidInputException(
      [{ field: FILE_FIELD, message: uploadMessages.unreadable((error as Error).message) }],
      uploadMessages.unreadableDetail,
    );
  }
  return error;
}

function unknownField(name: string, form: UploadForm): InvalidInputException {
  return new InvalidInputException(
    [
      {
        field: name,
        message: uploadMessages.unknownField([FILE_FIELD, ...form.textFields].join(', ')),
      },
    ],
    commonMessages.invalidFields,
  );
}
