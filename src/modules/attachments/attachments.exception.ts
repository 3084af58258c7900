import { DomainException, FieldError } from '../../core/errors/domain.exception';
import { FILE_FIELD } from '../../core/uploads/upload-receiver';

export const AttachmentErrorCode = {
  EMPTY_FILE: 'EMPTY_FILE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  ATTACHMENT_NOT_FOUND: 'ATTACHMENT_NOT_FOUND',
} as const;

export class EmptyFileException extends DomainException {
  constructor() {
    super('invalid', AttachmentErrorCode.EMPTY_FILE, 'The file is empty', {
      errors: [{ field: FILE_FIELD, message: 'is empty' }],
    });
  }
}

/** Not an accepted type, or the declared type or the file name contradicts the content. */
export class UnsupportedMediaTypeException extends DomainException {
  constructor(reason: string) {
    super(
      'unsupported_media_type',
      AttachmentErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `The file is not accepted: ${reason}`,
      { errors: [{ field: FILE_FIELD, message: reason }], extensions: { reason } },
    );
  }
}

/**
 * Attachment ids in a request body that do not exist or that the caller may
 * not see (the two are not told apart); `errors` names each field, such as
 * `attachmentIds[1]`.
 */
export class AttachmentNotFoundException extends DomainException {
  constructor(fields: string[]) {
    super(
      'unprocessable',
      AttachmentErrorCode.ATTACHMENT_NOT_FOUND,
      'Some attachments do not exist or are not visible to you',
      {
        errors: fields.map((field): FieldError => ({
          field,
          message: 'no attachment you can see has this id',
        })),
      },
    );
  }
}
