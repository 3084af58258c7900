import { catalogue } from '../i18n/text';

/** The messages of the platform's HTTP layer: request checks, ids, cursors, preconditions. */
export const httpMessages = catalogue({
  nul: { en: 'must not contain a NUL character', zh: '不能包含 NUL 字符' },
  loneSurrogate: {
    en: 'must be well-formed Unicode (it has a lone surrogate)',
    zh: '必须是合法的 Unicode（其中有孤立的代理项）',
  },
  keyWith: (problem: { en: string; zh: string }) => ({
    en: `is a name that ${problem.en}`,
    zh: `作为名称，${problem.zh}`,
  }),
  tooDeep: (levels: number) => ({
    en: `is nested deeper than ${levels} levels`,
    zh: `嵌套超过 ${levels} 层`,
  }),
  tooWide: (members: number) => ({
    en: `has more than ${members} members`,
    zh: `成员超过 ${members} 个`,
  }),
  reservedName: { en: 'is a reserved name', zh: '是保留名称' },
  notJson: { en: 'is not valid JSON', zh: '不是合法的 JSON' },
  bodyNotJson: { en: 'The request body is not valid JSON', zh: '请求体不是合法的 JSON' },
  unsafeBody: {
    en: 'The request body holds a value the API does not accept',
    zh: '请求体中有本接口不接受的值',
  },
  unsafeQuery: {
    en: 'The query holds a value the API does not accept',
    zh: '查询参数中有本接口不接受的值',
  },
  unsafePath: {
    en: 'The path holds a value the API does not accept',
    zh: '路径中有本接口不接受的值',
  },
  notVersion: {
    en: 'must be a version number: a whole number from 1',
    zh: '必须是版本号：从 1 开始的整数',
  },
  notUuid: { en: 'must be a UUID', zh: '必须是 UUID' },
  invalidCursor: { en: 'invalid cursor', zh: '游标无效' },
  cursorOfAnotherSort: {
    en: 'The cursor belongs to another sort order: start again without a cursor',
    zh: '该游标属于另一种排序：请不带游标重新开始',
  },
  cursorSort: (issuedFor: string, sort: string) => ({
    en: `cursor belongs to sort=${issuedFor}, not sort=${sort}`,
    zh: `游标属于 sort=${issuedFor}，而不是 sort=${sort}`,
  }),
  sortWithUpdatedSince: {
    en: 'with updatedSince the list is in updatedAt order, oldest first, so that a sync can resume from the last updatedAt: leave sort out or send sort=updatedAt',
    zh: '使用 updatedSince 时，列表按 updatedAt 从旧到新排序，以便同步从上次的 updatedAt 继续：请省略 sort，或传 sort=updatedAt',
  },
  sortKeys: (keys: readonly string[]) => ({
    en: `sort must be one of: ${keys.join(', ')}`,
    zh: `sort 必须是以下之一：${keys.join(', ')}`,
  }),
  cursorNotOurs: {
    en: 'The cursor is not one this API issued',
    zh: '该游标不是本接口发出的',
  },
  ifMatchNotVersion: {
    en: 'must be the resource version, an integer',
    zh: '必须是资源的版本号（整数）',
  },
  ifMatchInvalid: {
    en: 'The If-Match header is not a version number',
    zh: 'If-Match 请求头不是版本号',
  },
  headersTooLarge: {
    en: 'The request line and headers are over 16 KB: send long queries as a body',
    zh: '请求行和请求头超过 16 KB：请把过长的查询放进请求体',
  },
  requestTimeout: { en: 'The request was not received in time', zh: '未能及时收到请求' },
  unencodedUrl: {
    en:
      'The URL holds a character that must be percent-encoded: encode the query as UTF-8, ' +
      'e.g. q=%E5%BC%A0%E4%B8%89 for q=张三 (curl --get --data-urlencode q=张三)',
    zh: 'URL 中有必须百分号编码的字符：请把查询串按 UTF-8 编码，例如 q=张三 写作 q=%E5%BC%A0%E4%B8%89（curl --get --data-urlencode q=张三）',
  },
  notHttp: { en: 'The request is not valid HTTP', zh: '请求不是合法的 HTTP' },
  notJsonObject: { en: 'must be a JSON object', zh: '必须是 JSON 对象' },
  bodyNotJsonObject: {
    en: 'The request body must be a JSON object',
    zh: '请求体必须是 JSON 对象',
  },
});
