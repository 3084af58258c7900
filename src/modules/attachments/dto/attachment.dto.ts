import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
/** An uploaded file's metadata; the bytes are at `GET /attachments/{id}/content`. */
export class AttachmentResponse {
  @ApiUuid() id: string;
  /** Lower-case hex sha256 of the content; also the content's ETag. */
  sha256: string;
  /** In bytes. */
  @ApiInteger() size: number;
  /** Decided from the content (and checked against the declared type and the file name). */
  mimeType: string;
  /** The name the file was uploaded under, without control characters. */
  fileName: string;
  @ApiTime() createdAt: string;
}
