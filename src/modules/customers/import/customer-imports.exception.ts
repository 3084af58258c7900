import { catalogue } from '../../../core/i18n/text';
import { ImportErrorCode, sharedImportMessages } from '../../../core/imports/imports.exception';

export {
  ImportInterruptedException,
  ImportNotCompletedException,
  ImportsBusyException,
  MissingColumnException,
  TooManyRowsException,
  UnsupportedFileException,
} from '../../../core/imports/imports.exception';

/** The customer import answers with the shared import codes (see core/imports). */
export const CustomerImportErrorCode = ImportErrorCode;

/**
 * The customer import's messages: the shared ones of the import machinery,
 * and the reasons of rejected customer rows, which are written in the
 * language of the request that started the import (its summary and
 * errors.xlsx keep it).
 */
export const importMessages = catalogue({
  ...sharedImportMessages,

  customerImport: { en: 'Customer import', zh: '客户导入' },
  segment: { en: 'must be b2b (企业) or b2c (个人)', zh: '必须是 b2b（企业）或 b2c（个人）' },
  tooManyTags: (max: number) => ({ en: `has more than ${max} tags`, zh: `标签超过 ${max} 个` }),
  tagTooLong: (max: number, tag: string) => ({
    en: `has a tag longer than ${max} characters: ${tag}`,
    zh: `有标签超过 ${max} 个字符：${tag}`,
  }),
  frequency: {
    en: 'must be a number of at least 0 with at most 4 decimals, e.g. 2.5',
    zh: '必须是不小于 0、最多 4 位小数的数字，例如 2.5',
  },
  money: {
    en: 'must be an amount of at least 0 with at most 2 decimals, e.g. 12800.50',
    zh: '必须是不小于 0、最多 2 位小数的金额，例如 12800.50',
  },
  /** Rejected rows' reasons that the merge writes in SQL, filling in {owner} or {username}. */
  ownerNotAssignable: {
    en: 'is not an active user you may assign customers to: {username}',
    zh: '不是你可以分配客户的在职用户：{username}',
  },
  /** A phone held outside the caller's scope: the signal POST /customers gives with its 409. */
  phoneHeldBy: {
    en: 'DUPLICATE_PHONE: already belongs to a customer of {owner}',
    zh: 'DUPLICATE_PHONE：该号码已属于 {owner} 的客户',
  },
});
