import { ANY } from '../attacker';
import { breaksQueryText } from '../schema-check';
import type { JsonSchema, Parameter } from '../spec-walker';
import { Case, invalid, request, Target, validBody } from './case';

/** Texts for any header: empty, bytes beyond ASCII, and long. */
const ANY_HEADER_TEXTS = [
  { label: 'empty', text: '' },
  { label: 'Latin-1 letters', text: 'üüü' },
  { label: '8,000 characters', text: 'k'.repeat(8_000) },
];

/** Texts for a header the spec gives a number pattern (If-Match): not numbers, and numbers out of range. */
const NUMBER_HEADER_TEXTS = [
  { label: 'a word', text: 'abc' },
  { label: '-1', text: '-1' },
  { label: '1.5', text: '1.5' },
  { label: '1e400', text: '1e400' },
  { label: '20 digits', text: '99999999999999999999' },
  { label: '*', text: '*' },
];

function textsFor(schema: JsonSchema): { label: string; text: string }[] {
  return [
    ...ANY_HEADER_TEXTS,
    ...(schema.pattern ? NUMBER_HEADER_TEXTS : []),
    ...(schema.maxLength !== undefined
      ? [{ label: `${schema.maxLength + 1} characters`, text: 'k'.repeat(schema.maxLength + 1) }]
      : []),
  ];
}

/** A header parameter given hostile values: 400 naming it where the spec rules the value out. */
function parameterCases(target: Target, param: Parameter): Case[] {
  return textsFor(param.schema).map(({ label, text }) => ({
    request: request(target, `${param.name}: ${label}`, { headers: { [param.name]: text } }),
    expect: breaksQueryText(param.schema, text) ? invalid(param.name) : ANY,
  }));
}

/**
 * The declared headers (If-Match, Idempotency-Key), then headers every route
 * reads. The latter go without a form: the upload routes read them before the
 * upload, and a valid form would run a whole import for each.
 */
export function headerCases(target: Target): Case[] {
  const common = (
    [
      { label: 'a malformed Accept-Language', headers: { 'accept-language': 'zh-CN;q=abc,,;q=' } },
      {
        label: 'a 4,000-character Accept-Language',
        headers: { 'accept-language': 'zh-CN,'.repeat(666) },
      },
      { label: 'Accept: application/xml only', headers: { accept: 'application/xml' } },
    ] as { label: string; headers: Record<string, string> }[]
  ).map(({ label, headers }) => ({
    request: request(target, label, { headers, body: target.form ? undefined : validBody(target) }),
    expect: ANY,
  }));
  return [...target.op.headerParams.flatMap((param) => parameterCases(target, param)), ...common];
}
