import { STAGING_COLUMNS, stagingRecord } from './staging-row';

const layout = { name: 0, phone: 1, tags: 2, owner: 3 };
const fields = (record: string) => record.replace(/\n$/, '').split('\t');
const options = { defaultOwnerId: 'owner-id', keepCells: false, language: 'en' as const };

describe('stagingRecord', () => {
  it('writes a valid row with the default owner, and without its raw cells', () => {
    const record = stagingRecord(
      { number: 2, cells: ['杭州某工业配件公司', '138 0013 8000', '只接受月结、倾向视频演示', ''] },
      layout,
      options,
    );
    const values = Object.fromEntries(
      STAGING_COLUMNS.map((column, i) => [column, fields(record)[i]]),
    );
    expect(values).toMatchObject({
      row_number: '2',
      name: '杭州某工业配件公司',
      phone: '+8613800138000',
      tags: '{"只接受月结","倾向视频演示"}',
      owner_username: '\\N',
      owner_id: 'owner-id',
      errors: '\\N',
      raw_values: '\\N',
    });
    expect(fields(record)).toHaveLength(STAGING_COLUMNS.length);
  });

  it('keeps the raw cells of a row naming an owner, which the owner check may still reject', () => {
    const record = stagingRecord(
      { number: 3, cells: ['上海某烘焙连锁', '13900139000', '', 'liu.rep'] },
      layout,
      options,
    );
    const values = fields(record);
    expect(values[STAGING_COLUMNS.indexOf('owner_username')]).toBe('liu.rep');
    expect(values[STAGING_COLUMNS.indexOf('owner_id')]).toBe('\\N');
    expect(JSON.parse(values[STAGING_COLUMNS.indexOf('raw_values')])).toEqual([
      '上海某烘焙连锁',
      '13900139000',
      '',
      'liu.rep',
    ]);
  });

  it('keeps the raw cells of every valid row with keepCells, which the scope check may still reject', () => {
    const cells = ['杭州某工业配件公司', '13800138000', '', ''];
    const record = stagingRecord({ number: 4, cells }, layout, { ...options, keepCells: true });
    const values = fields(record);
    expect(values[STAGING_COLUMNS.indexOf('owner_id')]).toBe('owner-id');
    expect(JSON.parse(values[STAGING_COLUMNS.indexOf('raw_values')])).toEqual(cells);
  });

  it('writes an invalid row as its errors and raw cells only, escaped for COPY', () => {
    const record = stagingRecord({ number: 7, cells: ['', 'bad\tphone'] }, layout, options);
    const values = fields(record);
    expect(values[0]).toBe('7');
    expect(values.slice(1, -2).every((value) => value === '\\N')).toBe(true);
    expect(JSON.parse(values[STAGING_COLUMNS.indexOf('errors')])).toEqual([
      { field: 'name', reason: 'is required' },
      { field: 'phone', reason: expect.any(String) },
    ]);
    // The tab inside the cell is JSON-escaped, and the JSON's backslash COPY-escaped.
    expect(values[STAGING_COLUMNS.indexOf('raw_values')]).toBe('["","bad\\\\tphone"]');
  });
});
