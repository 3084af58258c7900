/** `%text%` for LIKE and ILIKE, with LIKE's metacharacters in `text` escaped. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
