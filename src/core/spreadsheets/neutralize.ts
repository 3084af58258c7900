/** Characters that make Excel, WPS or LibreOffice read a cell as a formula (or DDE). */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection in a cell the API writes: text that
 * starts with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`, so a customer
 * named `=HYPERLINK(...)` stays text when someone opens the export.
 */
export function neutralizeCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}
