import type { FieldError } from '../errors/domain.exception';
import { sharedImportMessages as messages } from './imports.exception';

/**
 * What an importer's columns are: the fields a column can hold, the headers
 * people use for each in Chinese and English templates (compared after
 * `normalizeHeader`), and the fields a file must have.
 */
export interface ColumnSchema<F extends string> {
  fields: readonly F[];
  synonyms: Record<F, readonly string[]>;
  required: readonly F[];
}

/** Which column (0-based) holds each recognised field. */
export type ColumnLayout<F extends string = string> = Partial<Record<F, number>>;

/** The caller's `mapping`: normalised header → field, or null to ignore that column. */
export type ColumnMapping<F extends string = string> = ReadonlyMap<string, F | null>;

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

/** An importer's header matching, built once from its schema. */
export class HeaderMatcher<F extends string> {
  private readonly fieldByHeader: Map<string, F>;

  constructor(readonly schema: ColumnSchema<F>) {
    this.fieldByHeader = new Map(
      schema.fields.flatMap((field) =>
        schema.synonyms[field].map((synonym) => [normalizeHeader(synonym), field] as const),
      ),
    );
  }

  /** Parses the `mapping` form field, e.g. `{"客户手机":"phone","备注":null}`. */
  parseMapping(json: string): Outcome<ColumnMapping<F>> {
    const { fields } = this.schema;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return { ok: false, errors: [{ field: 'mapping', message: messages.mappingFormat }] };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, errors: [{ field: 'mapping', message: messages.mappingFormat }] };
    }
    const mapping = new Map<string, F | null>();
    const errors: FieldError[] = [];
    const mappedFrom = new Map<F, string>();
    for (const [header, target] of Object.entries(parsed)) {
      const field = `mapping.${header}`;
      if (target !== null && !fields.includes(target as F)) {
        errors.push({ field, message: messages.mappingTarget(fields.join(', ')) });
      } else if (mapping.has(normalizeHeader(header))) {
        errors.push({ field, message: messages.mappingSameColumn });
      } else if (target !== null && mappedFrom.has(target as F)) {
        errors.push({
          field,
          message: messages.mappingTwice(String(target), mappedFrom.get(target as F)!),
        });
      } else {
        mapping.set(normalizeHeader(header), target as F | null);
        if (target !== null) mappedFrom.set(target as F, header);
      }
    }
    return errors.length ? { ok: false, errors } : { ok: true, value: mapping };
  }

  /**
   * Finds the column of each field: the caller's mapping first, then the
   * synonyms; when two columns could hold one field, the leftmost wins. A file
   * without one of the required columns cannot be imported.
   */
  recognizeColumns(
    headers: readonly string[],
    mapping: ColumnMapping<F>,
  ): Outcome<ColumnLayout<F>> {
    const normalized = headers.map(normalizeHeader);
    const errors: FieldError[] = [...mapping.keys()]
      .filter((key) => !normalized.includes(key))
      .map((key) => ({ field: `mapping.${key}`, message: messages.mappingNoColumn }));
    const layout: ColumnLayout<F> = {};
    normalized.forEach((header, column) => {
      const field = mapping.get(header);
      if (field) layout[field] ??= column;
    });
    normalized.forEach((header, column) => {
      if (mapping.has(header)) return;
      const field = this.fieldByHeader.get(header);
      if (field) layout[field] ??= column;
    });
    for (const required of this.schema.required) {
      if (layout[required] === undefined) {
        const synonyms = this.schema.synonyms[required].slice(0, 4).join(', ');
        errors.push({ field: 'file', message: messages.noColumn(required, synonyms) });
      }
    }
    return errors.length ? { ok: false, errors } : { ok: true, value: layout };
  }

  /** The row's cells under their fields; columns the layout does not name are left out. */
  cellsByField(cells: readonly string[], layout: ColumnLayout<F>): Partial<Record<F, string>> {
    const values: Partial<Record<F, string>> = {};
    for (const field of this.schema.fields) {
      const column = layout[field];
      if (column !== undefined && column < cells.length) values[field] = cells[column];
    }
    return values;
  }
}
