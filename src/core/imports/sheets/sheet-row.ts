/** A non-blank row of the sheet: its spreadsheet row number (the header is row 1) and its cells as text. */
export interface SheetRow {
  number: number;
  cells: string[];
}
