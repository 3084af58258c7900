import iconv from 'iconv-lite';
import fc from 'fast-check';
import { completeUtf8Length, detectTextEncoding } from './text-encoding';

const CSV = '姓名,电话,标签\r\n杭州某工业配件公司,13800138000,只接受月结、倾向视频演示\r\n';
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const gbk = (text: string) => iconv.encode(text, 'gbk');
const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

describe('detectTextEncoding', () => {
  it.each([
    ['UTF-8', utf8(CSV)],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(CSV)])],
    ['plain ASCII', utf8('name,phone\r\nACME,13800138000\r\n')],
  ])('reads %s as UTF-8', (_label, bytes) => {
    expect(detectTextEncoding(bytes, true)).toEqual({ encoding: 'utf8' });
  });

  it.each([
    ['GBK, as Excel writes on Chinese Windows', gbk(CSV)],
    [
      'GB18030 with a four-byte character',
      gb18030('姓名,电话\r\n€ 欧元客户,13800138000\r\n𠮷野家,13900139000\r\n'),
    ],
  ])('reads %s as GB18030', (_label, bytes) => {
    expect(detectTextEncoding(bytes, true)).toEqual({ encoding: 'gb18030' });
  });

  it('is not fooled by a sample that cuts a UTF-8 character in two', () => {
    const bytes = utf8(CSV);
    const cut = bytes.subarray(0, bytes.indexOf(utf8('公司')) + 1);
    expect(detectTextEncoding(cut, false)).toEqual({ encoding: 'utf8' });
    // The same cut is an error when it is the whole file.
    expect(detectTextEncoding(cut, true).encoding).not.toBe('utf8');
  });

  it('is not fooled by a sample that cuts a GBK character in two', () => {
    const bytes = gbk(CSV);
    expect(detectTextEncoding(bytes.subarray(0, 1 + bytes.indexOf(gbk('公司'))), false)).toEqual({
      encoding: 'gb18030',
    });
  });

  it.each([
    ['NUL bytes', Buffer.from([0x61, 0x00, 0x62, 0x2c, 0x63])],
    ['many control characters', Buffer.from('a\x01b\x02c\x03d\x04e\x05,f\n'.repeat(20))],
    ['a UTF-8 BOM before GBK bytes', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk(CSV)])],
    ['bytes GB18030 does not allow', Buffer.from([0x61, 0x80, 0x62, 0xff, 0x63])],
  ])('refuses %s with a reason', (_label, bytes) => {
    const detected = detectTextEncoding(bytes, true);
    expect(detected.encoding).toBeNull();
    expect(detected).toHaveProperty('reason.en', expect.any(String));
  });

  // A character or two of GBK can happen to be valid UTF-8 (一 is D2 BB, which UTF-8 reads as һ);
  // a header and a row of names practically never are.
  it('reads Chinese text as UTF-8 when it is UTF-8, and as GB18030 when it is GBK (property)', () => {
    const chinese = fc.string({
      unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code)),
      minLength: 8,
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        chinese,
        fc.string({ maxLength: 20 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
        (text, ascii) => {
          const line = `${ascii},${text}\r\n`;
          expect(detectTextEncoding(utf8(line), true)).toEqual({ encoding: 'utf8' });
          expect(detectTextEncoding(gbk(line), true)).toEqual({ encoding: 'gb18030' });
        },
      ),
    );
  });
});

describe('completeUtf8Length', () => {
  const bytes = Buffer.from('a杭𠮷'); // 1 + 3 + 4 bytes

  it('keeps whole characters and leaves a cut one out', () => {
    expect(completeUtf8Length(bytes)).toBe(8);
    expect(completeUtf8Length(bytes.subarray(0, 7))).toBe(4);
    expect(completeUtf8Length(bytes.subarray(0, 5))).toBe(4);
    expect(completeUtf8Length(bytes.subarray(0, 3))).toBe(1);
    expect(completeUtf8Length(bytes.subarray(0, 1))).toBe(1);
    expect(completeUtf8Length(Buffer.alloc(0))).toBe(0);
  });
});
