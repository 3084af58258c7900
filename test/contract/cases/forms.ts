import {
  formArb,
  FormPart,
  NESTING_DEPTH,
  POLLUTION_MARKER,
  sample,
  UNKNOWN_UUID,
} from '../arbitraries';
import { ANY, Expectation } from '../attacker';
import { breaksSchema } from '../schema-check';
import type { JsonSchema } from '../spec-walker';
import { Case, invalid, request, Target } from './case';

/** Multipart forms: the upload routes' own bad inputs. */

/** Larger than a form field may be (MAX_TEXT_FIELD_BYTES, 64 KiB): any 4xx refusal is right for it. */
const OVERSIZED_FIELD = 'x'.repeat(70_000);

const HOSTILE_FIELD_TEXTS: { label: string; text: string }[] = [
  { label: 'empty', text: '' },
  { label: 'not a UUID', text: 'not-a-uuid' },
  { label: 'a UUID nothing has', text: UNKNOWN_UUID },
  { label: 'NUL inside', text: 'a\u0000b' },
  { label: 'a lone surrogate', text: '\ud800' },
  { label: '70,000 characters', text: OVERSIZED_FIELD },
  { label: 'broken JSON', text: '{' },
  { label: 'JSON null', text: 'null' },
  { label: 'a JSON array', text: '[]' },
  { label: '1e400', text: '1e400' },
  {
    label: `JSON nested ${NESTING_DEPTH} deep`,
    text: '['.repeat(NESTING_DEPTH) + ']'.repeat(NESTING_DEPTH),
  },
  { label: 'a JSON __proto__ member', text: `{"__proto__":{"${POLLUTION_MARKER}":true}}` },
  {
    label: 'a JSON constructor.prototype member',
    text: `{"constructor":{"prototype":{"${POLLUTION_MARKER}":true}}}`,
  },
  { label: 'a JSON member mapped to __proto__', text: '{"姓名":"__proto__","电话":"phone"}' },
];

const properties = (target: Target) => target.op.body!.schema.properties ?? {};
const isFile = (schema: JsonSchema) => schema.format === 'binary';
const withForm = (target: Target, label: string, parts: FormPart[], expect: Expectation): Case => ({
  request: request(target, label, { body: { kind: 'form', parts } }),
  expect,
});

/** The complete form first (it must succeed), then the form without each required part. */
export function missingPartCases(target: Target): Case[] {
  const required = target.op.body!.schema.required ?? [];
  return [
    withForm(target, 'the complete valid form', target.form!, { kind: 'success' }),
    ...required.map((name) =>
      withForm(
        target,
        `without ${name}`,
        target.form!.filter((part) => part.name !== name),
        invalid(name),
      ),
    ),
  ];
}

/** Each text part replaced by hostile texts; the file part emptied, misnamed, doubled, renamed, retyped. */
export function partCases(target: Target): Case[] {
  const replacing = (name: string, replacement: FormPart[]) => [
    ...target.form!.filter((part) => part.name !== name),
    ...replacement,
  ];
  const textParts = Object.entries(properties(target)).filter(([, schema]) => !isFile(schema));
  const required = target.op.body!.schema.required ?? [];
  const texts = textParts.flatMap(([name, schema]) =>
    HOSTILE_FIELD_TEXTS.map(({ label, text }) => {
      // An optional field left empty counts as absent, as an HTML form sends it.
      const absent = text === '' && !required.includes(name);
      const breaks = !absent && breaksSchema(schema, text);
      const expect: Expectation = !breaks
        ? ANY
        : text === OVERSIZED_FIELD
          ? { kind: 'rejected' }
          : invalid(name);
      return withForm(
        target,
        `${name} = ${label}`,
        replacing(name, [{ name, value: text }]),
        expect,
      );
    }),
  );
  const file = target.form!.find((part) => part.file)!;
  const withFile = (changes: Partial<NonNullable<FormPart['file']>>) =>
    replacing(file.name, [{ name: file.name, file: { ...file.file!, ...changes } }]);
  const files: Case[] = [
    withForm(target, 'an empty file', withFile({ content: Buffer.alloc(0) }), { kind: 'rejected' }),
    withForm(target, '1 MB of NUL bytes', withFile({ content: Buffer.alloc(1 << 20) }), ANY),
    withForm(
      target,
      'the file as a text field',
      replacing(file.name, [{ name: file.name, value: 'JVBERi0xLjQ=' }]),
      invalid(file.name),
    ),
    withForm(
      target,
      'the file under another name',
      replacing(file.name, [{ name: 'document', file: file.file }]),
      { kind: 'rejected' },
    ),
    withForm(target, 'the file twice', [...target.form!, file], ANY),
    withForm(target, 'a file name with NUL', withFile({ fileName: 'a\u0000.csv' }), ANY),
    withForm(
      target,
      'a file name of 10,000 characters',
      withFile({ fileName: `${'x'.repeat(10_000)}.csv` }),
      ANY,
    ),
    withForm(
      target,
      'a file name that climbs directories',
      withFile({ fileName: '../../../../etc/passwd' }),
      ANY,
    ),
    withForm(target, 'an empty file name', withFile({ fileName: '' }), ANY),
    withForm(
      target,
      'a declared type of an executable',
      withFile({ contentType: 'application/x-msdownload' }),
      ANY,
    ),
    withForm(
      target,
      'a file of bytes that are not UTF-8',
      withFile({ content: Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28]) }),
      ANY,
    ),
    withForm(
      target,
      'a zip header and nothing else',
      withFile({ content: Buffer.from('PK\u0003\u0004garbage') }),
      ANY,
    ),
    withForm(
      target,
      'a CSV with NUL in its cells',
      withFile({ content: Buffer.from('姓名,电话\r\na\u0000b,139\u000000000000\r\n') }),
      ANY,
    ),
    withForm(
      target,
      'a CSV of 10,000 columns',
      withFile({
        content: Buffer.from(`${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\r\n`),
      }),
      ANY,
    ),
    withForm(
      target,
      'a CSV whose headers are __proto__ and constructor',
      withFile({ content: Buffer.from('__proto__,constructor\r\nx,13900000000\r\n') }),
      ANY,
    ),
    withForm(
      target,
      'an unknown part',
      [...target.form!, { name: 'dryRun', value: 'true' }],
      invalid('dryRun'),
    ),
  ];
  return [...texts, ...files];
}

/** Random forms from fast-check: the declared parts and stray ones, text or files. */
export function randomFormCases(target: Target, seed: number, runs: number): Case[] {
  return sample(formArb(target.op.body!.schema), seed, runs).map((parts, index) =>
    withForm(target, `random form #${index + 1}`, parts, ANY),
  );
}

/** Bodies that are not a well-formed multipart form. */
export function malformedFormCases(target: Target): Case[] {
  const raw = (label: string, content: string, contentType?: string): Case => ({
    request: request(target, label, { body: { kind: 'raw', content, contentType } }),
    expect: { kind: 'rejected' },
  });
  const part = (name: string, value: string) =>
    `--x\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return [
    raw('JSON to a multipart route', '{"file":"JVBERi0="}', 'application/json'),
    raw('text/plain to a multipart route', 'file', 'text/plain'),
    raw('multipart without a boundary', part('file', 'x'), 'multipart/form-data'),
    raw(
      'a boundary the body does not use',
      `${part('file', 'x')}--x--\r\n`,
      'multipart/form-data; boundary=y',
    ),
    raw(
      'a form cut off in a part',
      part('file', 'x').slice(0, 30),
      'multipart/form-data; boundary=x',
    ),
    raw('a form with no parts', '--x--\r\n', 'multipart/form-data; boundary=x'),
    raw(
      'a part without a name',
      '--x\r\nContent-Disposition: form-data\r\n\r\nx\r\n--x--\r\n',
      'multipart/form-data; boundary=x',
    ),
    raw(
      'eleven text parts',
      `${Array.from({ length: 11 }, (_, i) => part(`f${i}`, 'x')).join('')}--x--\r\n`,
      'multipart/form-data; boundary=x',
    ),
    raw('multipart/mixed', `${part('file', 'x')}--x--\r\n`, 'multipart/mixed; boundary=x'),
    raw('no media type', 'file=x'),
  ];
}
