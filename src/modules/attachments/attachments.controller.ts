import { Controller, Get, Headers, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { AnyRole, CurrentPrincipal } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IDEMPOTENCY_HEADER, IdempotentByService } from '../../core/idempotency/idempotency';
import { REPLAYED_HEADER } from '../../core/idempotency/idempotency.interceptor';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { ReceivedFile } from '../../core/uploads/upload-receiver';
import { AttachmentUpload } from './attachment-upload';
import { AttachmentContent, AttachmentsService } from './attachments.service';
import { ACCEPTED_EXTENSIONS, ACCEPTED_MEDIA_TYPES } from './domain/media-type';
import { AttachmentResponse } from './dto/attachment.dto';
import { ATTACHMENT_EXAMPLE } from './dto/attachment.examples';

const UPLOAD_DESCRIPTION = `Upload one file in the multipart field \`file\`: a deliverable (a quote, a proposal), a proof
(the customer's reply, a screenshot), a call recording, or a playbook's material. No other field is accepted.

**Types.** ${ACCEPTED_EXTENSIONS.join(', ')}. The type is decided from the content's bytes; a declared Content-Type
or a file extension that contradicts the content, or content of another type, gets \`415 UNSUPPORTED_MEDIA_TYPE\`
with the \`reason\`. \`mimeType\` in the answer is the type found. An empty file gets \`400 EMPTY_FILE\`.

**Size.** At most \`ATTACHMENT_MAX_BYTES\` (20 MB by default); a larger file gets \`413 FILE_TOO_LARGE\` with \`maxBytes\`.

**Storage.** The content is immutable and addressed by its sha256: uploading the same bytes again makes a new
attachment that shares the stored content.

**Who may read it:** the uploader; roles that see all customers; those who see the customer of a follow-up it is
linked to; everyone, once it is linked to a playbook.

**Idempotency-Key** is honoured by this route itself: within 24 h, the same key with the same file (content and
name) answers with the attachment it created and \`Idempotent-Replayed: true\`; another file gets
\`409 IDEMPOTENCY_KEY_REUSED\`.`;

const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The file.' } },
};

/** Immutable content may be cached for good, by the caller only (it is scoped). */
function downloadHeaders(attachment: AttachmentContent): Record<string, string> {
  return {
    'Content-Type': attachment.mimeType,
    'Content-Length': String(attachment.size),
    'Content-Disposition': contentDisposition(attachment.fileName),
    ETag: `"${attachment.sha256}"`,
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  };
}

@ApiTags('attachments')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** Upload a file as an attachment */
  @Post()
  @Created('attachments/{id}')
  @AnyRole()
  @IdempotentByService()
  @ApiOperation({ description: UPLOAD_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiProblems(413, 415)
  @ApiExamples({ response: ATTACHMENT_EXAMPLE })
  async upload(
    @AttachmentUpload() file: ReceivedFile,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentResponse> {
    const { attachment, replayed } = await this.attachments.upload(principal, file, idempotencyKey);
    void reply.header(REPLAYED_HEADER, String(replayed));
    return attachment;
  }

  /** Read an attachment's metadata */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: ATTACHMENT_EXAMPLE })
  get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttachmentResponse> {
    return this.attachments.get(principal, id);
  }

  /** Download an attachment's content */
  @Get(':id/content')
  @AnyRole()
  @ApiProduces(...ACCEPTED_MEDIA_TYPES)
  @ApiOkResponse({
    description:
      'The bytes, as uploaded. `ETag` is the quoted sha256; the content never changes, so it may be cached for good.',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'Content-Disposition': {
        description: 'attachment, with the file name (RFC 5987 `filename*` for non-ASCII names)',
        schema: { type: 'string' },
      },
      ETag: { description: 'The quoted sha256 of the content', schema: { type: 'string' } },
      'Cache-Control': {
        schema: { type: 'string', example: 'private, max-age=31536000, immutable' },
      },
    },
  })
  @ApiProblems(404)
  async content(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const attachment = await this.attachments.content(principal, id);
    void reply.headers(downloadHeaders(attachment));
    return new StreamableFile(attachment.content);
  }
}
