import type { CellValue } from 'exceljs';

/** What neutralizeCell adds: a `'` before a formula trigger. */
const NEUTRALIZED = /^'[=+\-@\t\r]/;

/**
 * A cell as the text a person sees in it. NUL characters go (PostgreSQL text
 * cannot hold them), and the `'` our own exports put before `=`, `+`, `-`,
 * `@`, a tab or a CR is taken off again, so an exported or error workbook can
 * be edited and imported back (`'+8613800138000` is a phone again).
 */
export function cleanCellText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return withoutNul.startsWith("'") && NEUTRALIZED.test(withoutNul)
    ? withoutNul.slice(1)
    : withoutNul;
}

/**
 * The text of an xlsx cell: formulas by their cached result, rich text joined,
 * hyperlinks by their text, dates as `YYYY-MM-DD` (with the time if it has one)
 * and numbers without binary-float noise.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanCellText(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return cleanCellText(value.richText.map((run) => run.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('hyperlink' in value) return cellText(value.text);
  if ('error' in value) return value.error;
  return '';
}

/**
 * Excel keeps 15 significant digits; rounding to them turns 0.30000000000000004
 * (what 0.1 + 0.2 is stored as) back into the 0.3 the sheet shows.
 */
export function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

/** exceljs gives a date cell as the UTC instant of its wall-clock time. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
