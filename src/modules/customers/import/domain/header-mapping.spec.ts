import { FieldError } from '../../../../core/errors/domain.exception';
import { inEnglish } from '../../../../core/errors/field-errors.testing';
import { cellsByField, normalizeHeader, parseMapping, recognizeColumns } from './header-mapping';

const noMapping = new Map();

/** A refusal with its field messages as an English-speaking client reads them. */
const inEnglishOutcome = (outcome: { ok: boolean; errors?: FieldError[] }) =>
  outcome.ok ? outcome : { ...outcome, errors: inEnglish(outcome.errors) };

function layoutOf(headers: string[], mappingJson?: string) {
  const mapping = mappingJson === undefined ? noMapping : parseMapping(mappingJson);
  if ('ok' in mapping && !mapping.ok) throw new Error(JSON.stringify(mapping.errors));
  const result = recognizeColumns(headers, 'ok' in mapping ? mapping.value : mapping);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('normalizeHeader', () => {
  it.each([
    [' 客户名称 ', '客户名称'],
    ['客户　名称', '客户名称'],
    ['ＮＡＭＥ', 'name'],
    ['Phone Number', 'phonenumber'],
    ['*手机号', '手机号'],
    ['姓名*', '姓名'],
    ['客单价（元）', '客单价'],
    ['客单价(元)', '客单价'],
  ])('%j → %j', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });
});

describe('recognizeColumns', () => {
  it.each([
    [['姓名', '电话'], { name: 0, phone: 1 }],
    [['客户名称', '手机'], { name: 0, phone: 1 }],
    [['name', 'phone'], { name: 0, phone: 1 }],
    [['Name', 'PHONE'], { name: 0, phone: 1 }],
    [['客户名称', '手机号'], { name: 0, phone: 1 }],
    [['姓名', '联系电话'], { name: 0, phone: 1 }],
  ])('finds name and phone in %j', (headers, expected) => {
    expect(layoutOf(headers)).toEqual(expected);
  });

  it('recognises every field in Chinese', () => {
    expect(
      layoutOf(['姓名', '手机号', '公司', '类型', '城市', '标签', '消费频次', '客单价', '负责人']),
    ).toEqual({
      name: 0,
      phone: 1,
      company: 2,
      segment: 3,
      city: 4,
      tags: 5,
      purchaseFrequency: 6,
      avgOrderValue: 7,
      owner: 8,
    });
  });

  it('recognises every field in English, and 购买频次 as the frequency', () => {
    expect(
      layoutOf([
        'name',
        'phone',
        'company',
        'segment',
        'city',
        'tags',
        'frequency',
        'avgOrderValue',
        'owner',
      ]),
    ).toMatchObject({ purchaseFrequency: 6, avgOrderValue: 7, owner: 8 });
    expect(layoutOf(['姓名', '电话', '购买频次'])).toMatchObject({ purchaseFrequency: 2 });
  });

  it('reads back the columns the customer export writes, and ignores the rest', () => {
    const exportHeaders = [
      '客户名称',
      '手机号',
      '类型',
      '公司',
      '城市',
      '标签',
      '购买频次',
      '客单价',
      '负责人ID',
      '阶段',
      '最近互动',
      '创建时间',
      '客户ID',
    ];
    expect(layoutOf(exportHeaders)).toEqual({
      name: 0,
      phone: 1,
      segment: 2,
      company: 3,
      city: 4,
      tags: 5,
      purchaseFrequency: 6,
      avgOrderValue: 7,
    });
  });

  it('takes the leftmost of two columns for one field', () => {
    expect(layoutOf(['姓名', '手机', '电话'])).toEqual({ name: 0, phone: 1 });
  });

  it('lets the mapping name a column the synonyms do not know, and override one they do', () => {
    expect(layoutOf(['客户', '客户手机', '电话'], '{"客户":"name","客户手机":"phone"}')).toEqual({
      name: 0,
      phone: 1,
    });
  });

  it('lets the mapping ignore a column with null', () => {
    expect(layoutOf(['姓名', '电话', '城市'], '{"城市":null}')).toEqual({ name: 0, phone: 1 });
  });

  it('matches mapping keys like headers (width, case, spaces)', () => {
    expect(layoutOf(['Customer', 'Mobile No'], '{"customer":"name","MOBILE NO":"phone"}')).toEqual({
      name: 0,
      phone: 1,
    });
  });

  it('names each missing required column', () => {
    const result = recognizeColumns(['公司', '城市'], noMapping);
    expect(inEnglishOutcome(result)).toEqual({
      ok: false,
      errors: [
        { field: 'file', message: expect.stringMatching(/^has no name column \(姓名, 客户名称/) },
        { field: 'file', message: expect.stringMatching(/^has no phone column \(电话, 手机/) },
      ],
    });
  });

  it('refuses a mapping key that is not a header of the file', () => {
    const mapping = parseMapping('{"客户手机":"phone"}');
    if (!mapping.ok) throw new Error('mapping should parse');
    expect(inEnglishOutcome(recognizeColumns(['姓名', '电话'], mapping.value))).toEqual({
      ok: false,
      errors: [{ field: 'mapping.客户手机', message: 'no column of the file has this header' }],
    });
  });
});

describe('parseMapping', () => {
  it.each([
    ['not JSON', '{客户手机: phone}'],
    ['an array', '["phone"]'],
    ['a string', '"phone"'],
  ])('refuses %s', (_label, json) => {
    expect(inEnglishOutcome(parseMapping(json))).toEqual({
      ok: false,
      errors: [{ field: 'mapping', message: expect.stringMatching(/JSON object/) }],
    });
  });

  it('names each bad entry', () => {
    expect(
      inEnglishOutcome(
        parseMapping('{"手机":"mobile","客户":"name","姓名":"name","客 户":"city"}'),
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'mapping.手机', message: expect.stringMatching(/^must be one of name, phone/) },
        { field: 'mapping.姓名', message: 'name is already mapped from 客户' },
        { field: 'mapping.客 户', message: 'names the same column as another key' },
      ],
    });
  });
});

describe('cellsByField', () => {
  it('picks the cells of the recognised columns; a short row lacks the rest', () => {
    expect(cellsByField(['上海某烘焙连锁', '13900139000'], { name: 0, phone: 1, city: 4 })).toEqual(
      {
        name: '上海某烘焙连锁',
        phone: '13900139000',
      },
    );
  });
});
