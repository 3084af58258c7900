import iconv from 'iconv-lite';
import { detectFileFormat } from './file-format';

describe('detectFileFormat', () => {
  it('knows an xlsx by its zip signature, whatever follows', () => {
    expect(detectFileFormat(Buffer.from('PK\x03\x04rest of the archive', 'latin1'), true)).toEqual({
      format: 'xlsx',
    });
  });

  it('reads text as CSV in the encoding it detects', () => {
    expect(detectFileFormat(Buffer.from('姓名,电话\n'), true)).toEqual({
      format: 'csv',
      encoding: 'utf8',
    });
    expect(detectFileFormat(iconv.encode('姓名,电话\n', 'gbk'), true)).toEqual({
      format: 'csv',
      encoding: 'gb18030',
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    [
      'an .xls (OLE) workbook',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /\.xls/,
    ],
    [
      'UTF-16 text',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名', 'utf16le')]),
      /UTF-16/,
    ],
    [
      'a PNG image',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /binary/,
    ],
  ])('refuses %s, saying why', (_label, bytes, reason) => {
    const detected = detectFileFormat(bytes, true);
    expect(detected.format).toBeNull();
    expect(detected).toHaveProperty('reason.en', expect.stringMatching(reason));
  });
});
