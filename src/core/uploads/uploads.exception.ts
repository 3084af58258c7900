import { DomainException } from '../errors/domain.exception';

export const UploadErrorCode = {
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
} as const;

/** The file is over the limit of the route it was sent to; 413 with `maxBytes`. */
export class FileTooLargeException extends DomainException {
  constructor(maxBytes: number) {
    super(
      'payload_too_large',
      UploadErrorCode.FILE_TOO_LARGE,
      `The file is larger than ${maxBytes} bytes, the limit of this upload; send a smaller file`,
      { extensions: { maxBytes } },
    );
  }
}
