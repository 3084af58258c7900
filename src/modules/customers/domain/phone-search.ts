import { normalizePhone, stripPhoneFormatting } from './phone';

/** What a search text asks of the phone column, when it is written like (part of) a phone number. */
export interface PhoneSearch {
  /** The whole number in E.164, if the text normalises to one: it matches by equality. */
  e164: string | null;
  /**
   * The text as stored phones spell it, to match as a substring: its digits,
   * after `+86` if it starts with `+86` or `0086`.
   */
  fragment: string;
}

/** Digits with an optional +86 / 0086 prefix, once separators and full-width forms are gone. */
const PHONE_SHAPED = /^(\+86|0086)?(\d+)$/;

/**
 * Reads a search text as a phone number in the forms the API accepts on
 * write (separators, full-width digits, a +86 / 0086 prefix), whole or in
 * part; null if it is not written like one (it then matches name and company only).
 */
export function phoneSearch(text: string): PhoneSearch | null {
  const shaped = PHONE_SHAPED.exec(stripPhoneFormatting(text));
  if (!shaped) return null;
  const [, prefix, digits] = shaped;
  const whole = normalizePhone(text);
  return { e164: whole.ok ? whole.e164 : null, fragment: prefix ? `+86${digits}` : digits };
}
