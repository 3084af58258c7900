import multipart from '@fastify/multipart';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** The largest text field of an upload form; text fields are options, not content. */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024;

/**
 * Lets Fastify parse multipart bodies. Only the shape of a form is limited
 * here; the file size is each route's own (UploadReceiver passes it per
 * request), and the JSON body limit does not apply, as files stream to disk.
 */
export async function registerMultipart(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, {
    limits: {
      files: 1,
      // Room for unknown fields, so they get a 400 naming them rather than a limit error.
      fields: 10,
      fieldSize: MAX_TEXT_FIELD_BYTES,
      parts: 12,
      headerPairs: 100,
    },
  });
}

/**
 * The raw request, for a pipe that receives its multipart upload, e.g.
 * `export const ImportUpload = () => UploadRequest(ReceiveImportUploadPipe)`.
 */
export const UploadRequest = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>(),
);
