import { splitTags, validateRow } from './row-validation';

const valid = (cells: Parameters<typeof validateRow>[0]) => {
  const result = validateRow(cells);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.values;
};
const errorsOf = (cells: Parameters<typeof validateRow>[0]) => {
  const result = validateRow(cells);
  if (result.ok) throw new Error('expected the row to be invalid');
  return result.errors.map(({ field, reason }) => ({ field, reason: reason.en }));
};

describe('validateRow', () => {
  it('accepts a full row, normalising every field', () => {
    expect(
      valid({
        name: ' 杭州某工业配件公司 ',
        phone: '＋８６ １３８ ００１３ ８０００',
        company: '杭州精工配件有限公司',
        segment: '企业',
        city: '杭州',
        tags: '只接受月结、倾向视频演示；只接受月结',
        purchaseFrequency: '２.５',
        avgOrderValue: '¥12,800.50',
        owner: 'wang.rep',
      }),
    ).toEqual({
      name: '杭州某工业配件公司',
      phone: '+8613800138000',
      company: '杭州精工配件有限公司',
      segment: 'b2b',
      city: '杭州',
      tags: ['只接受月结', '倾向视频演示'],
      purchaseFrequency: '2.5',
      avgOrderValue: '12800.50',
      ownerUsername: 'wang.rep',
    });
  });

  it('needs only a name and a phone; empty cells are null', () => {
    expect(
      valid({ name: '上海某烘焙连锁', phone: '0086 139-0013-9000', city: '  ', tags: '' }),
    ).toEqual({
      name: '上海某烘焙连锁',
      phone: '+8613900139000',
      company: null,
      segment: null,
      city: null,
      tags: [],
      purchaseFrequency: null,
      avgOrderValue: null,
      ownerUsername: null,
    });
  });

  it.each([
    ['+86 138 0013 8000', '+8613800138000'],
    ['86-138-0013-8000', '+8613800138000'],
    ['(138) 0013.8000', '+8613800138000'],
    ['021-12345678', '+862112345678'],
  ])('normalises the phone %j', (phone, e164) => {
    expect(valid({ name: '客户', phone }).phone).toBe(e164);
  });

  it.each([
    ['b2c', 'b2c'],
    ['B2B', 'b2b'],
    ['个人', 'b2c'],
    ['零售', 'b2c'],
  ])('reads the segment %j', (segment, expected) => {
    expect(valid({ name: '客户', phone: '13800138000', segment }).segment).toBe(expected);
  });

  it.each([
    ['3', '3'],
    ['0', '0'],
    ['1.2345', '1.2345'],
    ['１２', '12'],
  ])('reads the frequency %j', (purchaseFrequency, expected) => {
    expect(valid({ name: '客户', phone: '13800138000', purchaseFrequency }).purchaseFrequency).toBe(
      expected,
    );
  });

  it.each([
    ['12800', '12800'],
    ['12,800.5', '12800.5'],
    ['￥ 1,280.00', '1280.00'],
    ['1280元', '1280'],
    ['０.９９', '0.99'],
  ])('reads the amount %j without a float', (avgOrderValue, expected) => {
    expect(valid({ name: '客户', phone: '13800138000', avgOrderValue }).avgOrderValue).toBe(
      expected,
    );
  });

  it('reports every problem of a row at once, by field', () => {
    expect(
      errorsOf({
        name: '',
        phone: '12345',
        segment: '批发',
        purchaseFrequency: '-1',
        avgOrderValue: '12.345',
      }),
    ).toEqual([
      { field: 'name', reason: 'is required' },
      { field: 'phone', reason: expect.stringMatching(/not a valid/) },
      { field: 'segment', reason: expect.stringMatching(/b2b/) },
      { field: 'purchaseFrequency', reason: expect.stringMatching(/at most 4 decimals/) },
      { field: 'avgOrderValue', reason: expect.stringMatching(/at most 2 decimals/) },
    ]);
  });

  it.each([
    ['a missing phone', { name: '客户' }, 'phone', 'is required'],
    [
      'a phone with letters',
      { name: '客户', phone: '138-abc' },
      'phone',
      expect.stringMatching(/only digits/),
    ],
    [
      'a frequency with 5 decimals',
      { name: '客户', phone: '13800138000', purchaseFrequency: '0.12345' },
      'purchaseFrequency',
      expect.any(String),
    ],
    [
      'a frequency that is text',
      { name: '客户', phone: '13800138000', purchaseFrequency: '每月两次' },
      'purchaseFrequency',
      expect.any(String),
    ],
    [
      'a negative amount',
      { name: '客户', phone: '13800138000', avgOrderValue: '-5' },
      'avgOrderValue',
      expect.any(String),
    ],
    [
      'a name over 100 characters',
      { name: '客'.repeat(101), phone: '13800138000' },
      'name',
      'is longer than 100 characters',
    ],
    [
      'a tag over 30 characters',
      { name: '客户', phone: '13800138000', tags: `好,${'长'.repeat(31)}` },
      'tags',
      expect.stringMatching(/longer than 30/),
    ],
  ])('rejects %s', (_label, cells, field, reason) => {
    expect(errorsOf(cells)).toEqual([{ field, reason }]);
  });
});

describe('splitTags', () => {
  it('splits on , ， ; ； 、 and trims, keeping the first of duplicates in order', () => {
    expect(splitTags('只接受月结, 倾向视频演示，周末送货;只接受月结；夜间收货、 ')).toEqual([
      '只接受月结',
      '倾向视频演示',
      '周末送货',
      '夜间收货',
    ]);
  });
});
