import { copyField, copyRecord, textArrayLiteral } from './copy-format';

describe('COPY text format', () => {
  it('writes NULL as \\N and leaves ordinary text alone', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('杭州某工业配件公司')).toBe('杭州某工业配件公司');
    expect(copyField('')).toBe('');
  });

  it('escapes backslash, tab, CR and LF, so a cell can never end a field or a line', () => {
    expect(copyField('a\\b\tc\r\nd')).toBe('a\\\\b\\tc\\r\\nd');
    // The literal text \N is data, not NULL.
    expect(copyField('\\N')).toBe('\\\\N');
  });

  it('joins a record with tabs and ends it with a newline', () => {
    expect(copyRecord(['2', '上海某烘焙连锁', null])).toBe('2\t上海某烘焙连锁\t\\N\n');
  });

  it('quotes every array element, so commas, braces, quotes and NULL stay text', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['只接受月结', 'NULL', 'a,b', '{x}', 'say "hi"', 'back\\slash'])).toBe(
      '{"只接受月结","NULL","a,b","{x}","say \\"hi\\"","back\\\\slash"}',
    );
  });
});
