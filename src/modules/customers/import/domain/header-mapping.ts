import {
  ColumnLayout as Layout,
  ColumnMapping as Mapping,
  HeaderMatcher,
  Outcome,
} from '../../../../core/imports/header-mapping';

export { normalizeHeader, Outcome } from '../../../../core/imports/header-mapping';

/** What an import column can hold; `owner` is a username. */
export const IMPORT_FIELDS = [
  'name',
  'phone',
  'company',
  'segment',
  'city',
  'tags',
  'purchaseFrequency',
  'avgOrderValue',
  'owner',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The customer import's columns, for the shared header matching (core/imports). */
export const CUSTOMER_COLUMNS = new HeaderMatcher<ImportField>({
  fields: IMPORT_FIELDS,
  required: ['name', 'phone'],
  synonyms: {
    name: ['姓名', '客户名称', '客户名', '客户姓名', '名称', 'name', 'customerName'],
    phone: [
      '电话',
      '手机',
      '手机号',
      '手机号码',
      '联系电话',
      '电话号码',
      '联系方式',
      'phone',
      'mobile',
      'tel',
      'telephone',
      'phoneNumber',
    ],
    company: ['公司', '公司名称', '单位', '单位名称', 'company', 'companyName'],
    segment: ['类型', '客户类型', 'segment'],
    city: ['城市', '所在城市', 'city'],
    tags: ['标签', '客户标签', '偏好标签', 'tags', 'tag'],
    purchaseFrequency: ['消费频次', '购买频次', '采购频次', 'frequency', 'purchaseFrequency'],
    avgOrderValue: ['客单价', '平均客单价', 'avgOrderValue', 'averageOrderValue'],
    owner: ['负责人', '归属人', '所属销售', '销售负责人', 'owner', 'ownerUsername'],
  },
});

/** Which column (0-based) holds each recognised field. */
export type ColumnLayout = Layout<ImportField>;

/** The caller's `mapping`: normalised header → field, or null to ignore that column. */
export type ColumnMapping = Mapping<ImportField>;

/** Parses the `mapping` form field, e.g. `{"客户手机":"phone","备注":null}`. */
export function parseMapping(json: string): Outcome<ColumnMapping> {
  return CUSTOMER_COLUMNS.parseMapping(json);
}

/** Finds the column of each field (see HeaderMatcher); a name and a phone column are required. */
export function recognizeColumns(
  headers: readonly string[],
  mapping: ColumnMapping,
): Outcome<ColumnLayout> {
  return CUSTOMER_COLUMNS.recognizeColumns(headers, mapping);
}

/** The row's cells under their fields; columns the layout does not name are left out. */
export function cellsByField(
  cells: readonly string[],
  layout: ColumnLayout,
): Partial<Record<ImportField, string>> {
  return CUSTOMER_COLUMNS.cellsByField(cells, layout);
}
