import { Text } from '../../../../core/i18n/text';
import { Segment } from '../../customer.entity';
import { normalizePhone } from '../../domain/phone';
import { importMessages } from '../customer-imports.exception';
import { ImportField } from './header-mapping';
import { MONEY_PATTERN } from '../../../../core/http/validation';
import { asciiNumber, moneyText } from '../../../../core/imports/cell-values';

/**
 * A valid row, ready for staging: the phone in E.164, numbers as plain decimal
 * strings (digits and at most one point), which PostgreSQL's numeric columns
 * take exactly. No number ever passes through a binary float.
 */
export interface CustomerRowValues {
  name: string;
  phone: string;
  company: string | null;
  segment: Segment | null;
  city: string | null;
  tags: string[];
  purchaseFrequency: string | null;
  avgOrderValue: string | null;
  ownerUsername: string | null;
}

export interface RowError {
  field: ImportField;
  reason: Text;
}

export type RowValidation =
  { ok: true; values: CustomerRowValues } | { ok: false; errors: RowError[] };

/** The same limits as `POST /customers`. */
const MAX_LENGTH = { name: 100, company: 200, city: 50, tag: 30, owner: 64 } as const;
const MAX_TAGS = 50;
const TAG_SEPARATORS = /[,，;；、]/;

/** purchase_frequency is numeric(12,4); avg_order_value is numeric(18,2). */
const FREQUENCY = /^\d{1,8}(\.\d{1,4})?$/;

const SEGMENT_WORDS: Record<string, Segment> = {
  b2b: 'b2b',
  企业: 'b2b',
  公司: 'b2b',
  b端: 'b2b',
  b2c: 'b2c',
  个人: 'b2c',
  零售: 'b2c',
  c端: 'b2c',
};

type FieldCheck<T> = { value: T } | { reason: Text };

/**
 * Validates one row's cells. Every problem is reported, not only the first, so
 * a person fixing the file sees all of them at once. Empty optional cells are
 * null, never errors.
 */
export function validateRow(cells: Partial<Record<ImportField, string>>): RowValidation {
  const errors: RowError[] = [];
  const checked = <T>(field: ImportField, check: FieldCheck<T>): T => {
    if ('value' in check) return check.value;
    errors.push({ field, reason: check.reason });
    return undefined as T; // never read: a row with errors returns only its errors
  };
  const text = (field: ImportField) => (cells[field] ?? '').trim();
  const values: CustomerRowValues = {
    name: checked('name', required(text('name'), MAX_LENGTH.name)),
    phone: checked('phone', phoneOf(text('phone'))),
    company: checked('company', optionalText(text('company'), MAX_LENGTH.company)),
    segment: checked('segment', segmentOf(text('segment'))),
    city: checked('city', optionalText(text('city'), MAX_LENGTH.city)),
    tags: checked('tags', tagsOf(text('tags'))),
    purchaseFrequency: checked('purchaseFrequency', frequencyOf(text('purchaseFrequency'))),
    avgOrderValue: checked('avgOrderValue', moneyOf(text('avgOrderValue'))),
    ownerUsername: checked(
      'owner',
      optionalText(text('owner').normalize('NFKC'), MAX_LENGTH.owner),
    ),
  };
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

function required(text: string, maxLength: number): FieldCheck<string> {
  if (!text) return { reason: importMessages.required };
  if (text.length > maxLength) return { reason: importMessages.tooLong(maxLength) };
  return { value: text };
}

function optionalText(text: string, maxLength: number): FieldCheck<string | null> {
  return text ? required(text, maxLength) : { value: null };
}

function phoneOf(text: string): FieldCheck<string> {
  if (!text) return { reason: importMessages.required };
  const phone = normalizePhone(text);
  return phone.ok ? { value: phone.e164 } : { reason: phone.reason };
}

function segmentOf(text: string): FieldCheck<Segment | null> {
  if (!text) return { value: null };
  const segment = SEGMENT_WORDS[text.normalize('NFKC').toLowerCase()];
  return segment ? { value: segment } : { reason: importMessages.segment };
}

/** Tags split on , ， ; ； 、 — trimmed, blanks dropped, duplicates kept once, in order. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(TAG_SEPARATORS)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

function tagsOf(text: string): FieldCheck<string[]> {
  const tags = splitTags(text);
  if (tags.length > MAX_TAGS) return { reason: importMessages.tooManyTags(MAX_TAGS) };
  const long = tags.find((tag) => tag.length > MAX_LENGTH.tag);
  if (long) return { reason: importMessages.tagTooLong(MAX_LENGTH.tag, long) };
  return { value: tags };
}

function frequencyOf(text: string): FieldCheck<string | null> {
  if (!text) return { value: null };
  const number = asciiNumber(text);
  if (!FREQUENCY.test(number)) {
    return { reason: importMessages.frequency };
  }
  return { value: number };
}

/** Money as people type it: `¥12,800.50`, `12800.5元`, `１２８００`. */
function moneyOf(text: string): FieldCheck<string | null> {
  if (!text) return { value: null };
  const amount = moneyText(text);
  if (!MONEY_PATTERN.test(amount)) {
    return { reason: importMessages.money };
  }
  return { value: amount };
}
