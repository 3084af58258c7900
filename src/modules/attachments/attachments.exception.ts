import { DomainException, FieldError } from '../../core/errors/domain.exception';
import { catalogue, Text } from '../../core/i18n/text';
import { FILE_FIELD } from '../../core/uploads/upload-receiver';

export const AttachmentErrorCode = {
  EMPTY_FILE: 'EMPTY_FILE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  ATTACHMENT_NOT_FOUND: 'ATTACHMENT_NOT_FOUND',
} as const;

export const attachmentMessages = catalogue({
  attachment: { en: 'Attachment', zh: '附件' },
  emptyFile: { en: 'The file is empty', zh: '文件是空的' },
  isEmpty: { en: 'is empty', zh: '是空的' },
  notAccepted: (reason: Text) => ({
    en: `The file is not accepted: ${reason.en}`,
    zh: `不接受该文件：${reason.zh}`,
  }),
  noAcceptedType: (accepted: string) => ({
    en: `the content is none of the accepted types (${accepted})`,
    zh: `内容不属于可接受的类型（${accepted}）`,
  }),
  declaredOtherwise: (declared: string, actual: string) => ({
    en: `declared as ${declared}, but the content is ${actual}`,
    zh: `声明的类型是 ${declared}，但内容是 ${actual}`,
  }),
  extensionOtherwise: (extension: string, actual: string) => ({
    en: `the file name ends in .${extension}, but the content is ${actual}`,
    zh: `文件名以 .${extension} 结尾，但内容是 ${actual}`,
  }),
  notVisible: {
    en: 'Some attachments do not exist or are not visible to you',
    zh: '部分附件不存在或你无权查看',
  },
  noSuchAttachment: {
    en: 'no attachment you can see has this id',
    zh: '没有你可查看的附件使用此 id',
  },
});

export class EmptyFileException extends DomainException {
  constructor() {
    super('invalid', AttachmentErrorCode.EMPTY_FILE, attachmentMessages.emptyFile, {
      errors: [{ field: FILE_FIELD, message: attachmentMessages.isEmpty }],
    });
  }
}

/** Not an accepted type, or the declared type or the file name contradicts the content. */
export class UnsupportedMediaTypeException extends DomainException {
  constructor(reason: Text) {
    super(
      'unsupported_media_type',
      AttachmentErrorCode.UNSUPPORTED_MEDIA_TYPE,
      attachmentMessages.notAccepted(reason),
      { errors: [{ field: FILE_FIELD, message: reason }], extensions: { reason: reason.en } },
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
      attachmentMessages.notVisible,
      {
        errors: fields.map((field): FieldError => ({
          field,
          message: attachmentMessages.noSuchAttachment,
        })),
      },
    );
  }
}
