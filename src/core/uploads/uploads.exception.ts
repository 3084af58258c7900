import { DomainException } from '../errors/domain.exception';
import { catalogue } from '../i18n/text';

export const UploadErrorCode = {
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
} as const;

export const uploadMessages = catalogue({
  fileTooLarge: (maxBytes: number) => ({
    en: `The file is larger than ${maxBytes} bytes, the limit of this upload; send a smaller file`,
    zh: `文件超过了本次上传的上限 ${maxBytes} 字节，请上传更小的文件`,
  }),
  notMultipart: {
    en: 'send the file as multipart/form-data',
    zh: '请以 multipart/form-data 上传文件',
  },
  notMultipartDetail: {
    en: 'The upload expects a multipart/form-data body',
    zh: '上传需要 multipart/form-data 格式的请求体',
  },
  fileAsText: { en: 'must be a file, sent with a filename', zh: '必须是文件（带文件名上传）' },
  fieldTooLong: (maxBytes: number) => ({
    en: `must be at most ${maxBytes} bytes`,
    zh: `不能超过 ${maxBytes} 字节`,
  }),
  required: { en: 'is required', zh: '为必填项' },
  unreadable: (reason: string) => ({ en: reason, zh: `无法读取：${reason}` }),
  unreadableDetail: {
    en: 'The multipart body cannot be read',
    zh: '无法读取 multipart 请求体',
  },
  unknownField: (fields: string) => ({
    en: `is not a field of this form (${fields})`,
    zh: `不是此表单的字段（${fields}）`,
  }),
});

/** The file is over the limit of the route it was sent to; 413 with `maxBytes`. */
export class FileTooLargeException extends DomainException {
  constructor(maxBytes: number) {
    super(
      'payload_too_large',
      UploadErrorCode.FILE_TOO_LARGE,
      uploadMessages.fileTooLarge(maxBytes),
      { extensions: { maxBytes } },
    );
  }
}
