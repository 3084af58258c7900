import fc from 'fast-check';
import { FieldDefinition } from './custom-field';
import { customFieldProblems } from './custom-field-values';

const field = (
  key: string,
  type: FieldDefinition['type'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({ key, type, options: null, required: false, ...extra });

const TASTING = field('tasting_feedback', 'select', { options: ['满意', '一般', '需改进'] });
const FLAVOURS = field('flavours', 'multiselect', { options: ['原味', '抹茶', '巧克力'] });
const DEFINITIONS = [
  field('note', 'text'),
  field('boxes', 'number'),
  field('visited_on', 'date'),
  field('sampled', 'boolean'),
  TASTING,
  FLAVOURS,
];

/** The fields named by the problems, with the English message of each. */
const problems = (values: Record<string, unknown>, kept?: Record<string, unknown>) =>
  customFieldProblems(DEFINITIONS, values, kept).map((e) => [e.field, e.message.en]);

describe('customFieldProblems', () => {
  it('accepts a value of each type, and no values at all', () => {
    expect(
      problems({
        note: '店长说新品口感偏甜',
        boxes: 12.5,
        visited_on: '2026-02-28',
        sampled: false,
        tasting_feedback: '满意',
        flavours: ['抹茶', '原味'],
      }),
    ).toEqual([]);
    expect(problems({})).toEqual([]);
    expect(problems({ flavours: [] })).toEqual([]);
  });

  it('names an unknown key as customFields.<key>', () => {
    expect(problems({ industry: '烘焙' })).toEqual([
      ['customFields.industry', 'is not a custom field of this record'],
    ]);
  });

  it.each([
    { key: 'note', value: 42, message: 'must be a text' },
    { key: 'note', value: 'x'.repeat(501), message: 'must be at most 500 characters' },
    { key: 'boxes', value: '12', message: 'must be a finite number' },
    { key: 'boxes', value: null, message: 'must be a finite number' },
    { key: 'sampled', value: 'true', message: 'must be true or false' },
    { key: 'visited_on', value: '2026-02-30', message: 'must be a calendar date, e.g. 2026-12-31' },
    {
      key: 'visited_on',
      value: '2026-12-07T10:00:00Z',
      message: 'must be a calendar date, e.g. 2026-12-31',
    },
    { key: 'tasting_feedback', value: '很好', message: 'must be one of "满意", "一般", "需改进"' },
    {
      key: 'tasting_feedback',
      value: ['满意'],
      message: 'must be one of "满意", "一般", "需改进"',
    },
    {
      key: 'flavours',
      value: '抹茶',
      message: 'must be a list of options from "原味", "抹茶", "巧克力"',
    },
    {
      key: 'flavours',
      value: ['抹茶', '草莓'],
      message: 'must be a list of options from "原味", "抹茶", "巧克力"',
    },
    { key: 'flavours', value: ['抹茶', '抹茶'], message: 'must not list an option twice' },
  ])('refuses a bad $key: $message', ({ key, value, message }) => {
    expect(problems({ [key]: value })).toEqual([[`customFields.${key}`, message]]);
  });

  it('takes a text of exactly 500 characters, Chinese ones and emoji counted one each', () => {
    expect(problems({ note: '满'.repeat(500) })).toEqual([]);
    expect(problems({ note: '🍞'.repeat(500) })).toEqual([]);
    expect(problems({ note: '🍞'.repeat(501) })).toEqual([
      ['customFields.note', 'must be at most 500 characters'],
    ]);
  });

  it('refuses numbers that JSON cannot carry', () => {
    for (const boxes of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(problems({ boxes })).toEqual([['customFields.boxes', 'must be a finite number']]);
  });

  it('requires a required field, and names every problem at once', () => {
    const definitions = [{ ...TASTING, required: true }, field('boxes', 'number')];
    const errors = customFieldProblems(definitions, { boxes: 'many', industry: '烘焙' });
    expect(errors.map((e) => e.field)).toEqual([
      'customFields.boxes',
      'customFields.industry',
      'customFields.tasting_feedback',
    ]);
    expect(errors[2].message).toEqual({ en: 'is required', zh: '为必填项' });
  });

  it('does not find a required value among the members every object inherits', () => {
    const definitions = [field('constructor', 'text', { required: true })];
    expect(customFieldProblems(definitions, {}).map((e) => e.field)).toEqual([
      'customFields.constructor',
    ]);
    expect(customFieldProblems(definitions, { constructor: '烘焙' })).toEqual([]);
  });

  it('lets a value of a deleted field through only unchanged', () => {
    const kept = { industry: '烘焙', regions: ['华东', '华南'] };
    expect(problems({ industry: '烘焙', regions: ['华东', '华南'] }, kept)).toEqual([]);
    expect(problems({ industry: '餐饮' }, kept)).toEqual([
      ['customFields.industry', 'is not a custom field of this record'],
    ]);
  });

  it('does not take a kept value as history when its key has a live definition', () => {
    expect(problems({ boxes: 'many' }, { boxes: 'many' })).toEqual([
      ['customFields.boxes', 'must be a finite number'],
    ]);
  });

  it('accepts every finite number and every subset of the options', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.subarray([...FLAVOURS.options!]),
        (boxes, flavours) => problems({ boxes, flavours }).length === 0,
      ),
    );
  });
});
