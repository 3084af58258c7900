import type { FieldError } from '../../../../core/errors/domain.exception';
import { importMessages } from '../customer-imports.exception';

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

/** The headers people use in Chinese and English templates, compared after `normalizeHeader`. */
const SYNONYMS: Record<ImportField, readonly string[]> = {
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
};

/** Which column (0-based) holds each recognised field. */
export type ColumnLayout = Partial<Record<ImportField, number>>;

/** The caller's `mapping`: normalised header → field, or null to ignore that column. */
export type ColumnMapping = ReadonlyMap<string, ImportField | null>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Headers compare alike whatever their width, case and spacing: `客户名称`,
 * ` 客户 名称 ` and `ＮＡＭＥ` match. A leading or trailing `*` (a required
 * marker) and a trailing remark in brackets (`客单价（元）`) are ignored.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^()]*\)$/, '')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) =>
    SYNONYMS[field].map((synonym) => [normalizeHeader(synonym), field] as const),
  ),
);

/** Parses the `mapping` form field, e.g. `{"客户手机":"phone","备注":null}`. */
export function parseMapping(json: string): Outcome<ColumnMapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, errors: [{ field: 'mapping', message: importMessages.mappingFormat }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errors: [{ field: 'mapping', message: importMessages.mappingFormat }] };
  }
  const mapping = new Map<string, ImportField | null>();
  const errors: FieldError[] = [];
  const mappedFrom = new Map<ImportField, string>();
  for (const [header, target] of Object.entries(parsed)) {
    const field = `mapping.${header}`;
    if (target !== null && !IMPORT_FIELDS.includes(target as ImportField)) {
      errors.push({ field, message: importMessages.mappingTarget(IMPORT_FIELDS.join(', ')) });
    } else if (mapping.has(normalizeHeader(header))) {
      errors.push({ field, message: importMessages.mappingSameColumn });
    } else if (target !== null && mappedFrom.has(target as ImportField)) {
      errors.push({
        field,
        message: importMessages.mappingTwice(
          String(target),
          mappedFrom.get(target as ImportField)!,
        ),
      });
    } else {
      mapping.set(normalizeHeader(header), target as ImportField | null);
      if (target !== null) mappedFrom.set(target as ImportField, header);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: mapping };
}

/**
 * Finds the column of each field: the caller's mapping first, then the
 * synonyms; when two columns could hold one field, the leftmost wins. A file
 * without a name or a phone column cannot be imported.
 */
export function recognizeColumns(
  headers: readonly string[],
  mapping: ColumnMapping,
): Outcome<ColumnLayout> {
  const normalized = headers.map(normalizeHeader);
  const errors: FieldError[] = [...mapping.keys()]
    .filter((key) => !normalized.includes(key))
    .map((key) => ({ field: `mapping.${key}`, message: importMessages.mappingNoColumn }));
  const layout: ColumnLayout = {};
  normalized.forEach((header, column) => {
    const field = mapping.get(header);
    if (field) layout[field] ??= column;
  });
  normalized.forEach((header, column) => {
    if (mapping.has(header)) return;
    const field = FIELD_BY_HEADER.get(header);
    if (field) layout[field] ??= column;
  });
  for (const required of ['name', 'phone'] as const) {
    if (layout[required] === undefined) {
      const synonyms = SYNONYMS[required].slice(0, 4).join(', ');
      errors.push({ field: 'file', message: importMessages.noColumn(required, synonyms) });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: layout };
}

/** The row's cells under their fields; columns the layout does not name are left out. */
export function cellsByField(
  cells: readonly string[],
  layout: ColumnLayout,
): Partial<Record<ImportField, string>> {
  const values: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const column = layout[field];
    if (column !== undefined && column < cells.length) values[field] = cells[column];
  }
  return values;
}
