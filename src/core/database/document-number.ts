/**
 * A human-readable document number, e.g. `Q-2026-000123` or `HT-2026-000123`:
 * a prefix, the year in the organisation's time zone, and a sequence value
 * padded to 6 digits and never truncated (the millionth is `…-1000000`).
 * `sequenceValue` is a SQL text expression holding one `nextval` (read it
 * once, e.g. from a CTE); `timeZone` a SQL expression, e.g. a parameter.
 * Numbers from a sequence never wait on one another and may have gaps.
 */
export function documentNumberSql(prefix: string, sequenceValue: string, timeZone: string): string {
  return `'${prefix}-' || to_char(now() AT TIME ZONE ${timeZone}, 'YYYY') || '-' || lpad(${sequenceValue}, greatest(6, length(${sequenceValue})), '0')`;
}
