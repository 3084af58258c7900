import { cellText, cleanCellText, numberText } from './cell-text';

describe('cellText', () => {
  it.each([
    ['empty', null, ''],
    ['text', '杭州某工业配件公司', '杭州某工业配件公司'],
    ['a phone stored as a number', 13800138000, '13800138000'],
    ['a money amount', 12800.5, '12800.5'],
    ['float noise', 0.1 + 0.2, '0.3'],
    ['a boolean', true, 'TRUE'],
    ['a date', new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
    ['a date and time', new Date('2026-03-01T09:30:00Z'), '2026-03-01 09:30:00'],
    [
      'rich text',
      { richText: [{ text: '只接受' }, { text: '月结', font: { bold: true } }] },
      '只接受月结',
    ],
    ['a formula, by its result', { formula: 'A1&"x"', result: '上海x' }, '上海x'],
    ['a formula without a cached result', { formula: 'NOW()' }, ''],
    ['a hyperlink, by its text', { text: '官网', hyperlink: 'https://example.com' }, '官网'],
    ['an error', { error: '#N/A' }, '#N/A'],
  ])('reads %s', (_label, value, text) => {
    expect(cellText(value as Parameters<typeof cellText>[0])).toBe(text);
  });
});

describe('cleanCellText', () => {
  it('takes off the quote our exports put before a formula trigger', () => {
    expect(cleanCellText("'+8613800138000")).toBe('+8613800138000');
    expect(cleanCellText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cleanCellText("'-12")).toBe('-12');
  });

  it('keeps other leading quotes', () => {
    expect(cleanCellText("'西湖'烘焙")).toBe("'西湖'烘焙");
  });

  it('drops NUL characters, which PostgreSQL text cannot hold', () => {
    expect(cleanCellText('上海\u0000某烘焙')).toBe('上海某烘焙');
  });
});

describe('numberText', () => {
  it('keeps integers and shortest decimals', () => {
    expect(numberText(42)).toBe('42');
    expect(numberText(2.5)).toBe('2.5');
    expect(numberText(1234.56)).toBe('1234.56');
  });
});
