import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Text } from '../../../core/i18n/text';
import { customerMessages } from '../customers.exception';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: Text };

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const FULL_WIDTH_PLUS = /\uFF0B/g;
/** Separators people type or paste: spaces (also full-width), dashes, dots, brackets. */
const SEPARATORS = /[\s\u3000\-\u2010-\u2015\uFF0D.\u3002\uFF0E()\uFF08\uFF09[\]]/g;

/** The input without separators, its full-width digits and plus sign made ASCII. */
export function stripPhoneFormatting(input: string): string {
  return input
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(FULL_WIDTH_PLUS, '+')
    .replace(SEPARATORS, '');
}

/**
 * Normalises a Chinese phone number to E.164: mobiles in any common form
 * (separators, full-width digits, +86 / 0086 / 86 prefixes) and landlines
 * with an area code (021-12345678 → +862112345678). Anything else is invalid.
 */
export function normalizePhone(input: string): PhoneResult {
  const cleaned = stripPhoneFormatting(input);
  if (!cleaned) return { ok: false, reason: customerMessages.phoneEmpty };
  if (!/^\+?\d+$/.test(cleaned)) return { ok: false, reason: customerMessages.phoneCharacters };
  const international = cleaned
    .replace(/^0086/, '+86')
    // A bare 86 prefix before an 11-digit mobile (86 138 0013 8000).
    .replace(/^86(?=1\d{10}$)/, '+86');
  const mobile = CN_MOBILE.exec(international);
  if (mobile) return validMobilePrefix(mobile[1]) ? { ok: true, e164: `+86${mobile[1]}` } : INVALID;
  return parseWithMetadata(international);
}

const INVALID: PhoneResult = { ok: false, reason: customerMessages.phoneNotChinese };

/** An 11-digit mainland mobile, with or without +86. */
const CN_MOBILE = /^(?:\+86)?(1\d{10})$/;

/**
 * Mainland mobile ranges are decided by at most the first five digits, so each
 * five-digit prefix is checked once against the full metadata and remembered.
 * This keeps a million-row import from spending half a minute in the parser
 * (phone.spec.ts checks that the shortcut agrees with the full parse).
 */
const mobilePrefixValidity = new Map<string, boolean>();

function validMobilePrefix(national: string): boolean {
  const prefix = national.slice(0, 5);
  let valid = mobilePrefixValidity.get(prefix);
  if (valid === undefined) {
    valid = parseWithMetadata(`+86${prefix}${national.slice(5)}`).ok;
    mobilePrefixValidity.set(prefix, valid);
  }
  return valid;
}

function parseWithMetadata(international: string): PhoneResult {
  const parsed = parsePhoneNumberFromString(international, 'CN');
  if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) return INVALID;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, reason: customerMessages.phoneKind };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * The pool mask: country code, the first 3 and the last 4 national digits
 * (+86138****8000), so a rep can recognise a number without being able to call it.
 */
export function maskPhone(e164: string): string {
  const national = e164.replace(/^\+86/, '');
  return `+86${national.slice(0, 3)}****${national.slice(-4)}`;
}
