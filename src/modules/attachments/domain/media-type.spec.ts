import iconv from 'iconv-lite';
import { decideMediaType, extensionOf, MediaType, sniffMediaTypes } from './media-type';

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string'
        ? Buffer.from(part, 'latin1')
        : Buffer.isBuffer(part)
          ? part
          : Buffer.from(part),
    ),
  );
const binaryTail = [0x00, 0x01, 0xfe, 0x80, 0x00, 0x9c];
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const zipWith = (...names: string[]) =>
  bytes('PK', [0x03, 0x04, 0x14, 0x00], ...names.flatMap((name) => [name, binaryTail]));

const FILES = {
  pdf: bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 0x0d], 'IHDR'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ', binaryTail),
  gif: bytes('GIF89a', [0x01, 0x00, 0x01, 0x00, 0x80]),
  docx: zipWith('[Content_Types].xml', '_rels/.rels', 'word/document.xml'),
  xlsx: zipWith('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'),
  pptx: zipWith('[Content_Types].xml', 'ppt/presentation.xml'),
  doc: bytes(OLE, binaryTail, utf16('Root Entry'), binaryTail, utf16('WordDocument')),
  xls: bytes(OLE, binaryTail, utf16('Root Entry'), binaryTail, utf16('Workbook')),
  utf8Text: Buffer.from('拜访纪要：客户认为价格偏高，要求月结60天。\r\n下次周五回访。\n'),
  gbkCsv: iconv.encode('客户名称,电话\r\n杭州某阀门厂,13800138000\r\n', 'gbk'),
  id3Mp3: bytes('ID3', [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23], binaryTail),
  bareMp3: bytes([0xff, 0xfb, 0x90, 0x64], binaryTail),
  m4a: bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0], 'M4A mp42isom'),
  androidM4a: bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0], 'isommp42'),
  mp4: bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'),
  wav: bytes('RIFF', [0x24, 0x08, 0, 0], 'WAVEfmt ', binaryTail),
  amr: bytes('#!AMR\n', [0x3c, 0x48, 0xf5, 0x1f]),
  amrWideband: bytes('#!AMR-WB\n', [0x04, 0x10]),
} satisfies Record<string, Buffer>;

const REFUSED = {
  elf: bytes([0x7f], 'ELF', [0x02, 0x01, 0x01, 0x00]),
  windowsExe: bytes('MZ', [0x90, 0x00, 0x03, 0x00]),
  plainZip: zipWith('报价单/readme.txt', 'photo.jpg'),
  powerpoint97: bytes(OLE, binaryTail, utf16('PowerPoint Document')),
  heic: bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
  quicktime: bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0]),
  aacAdts: bytes([0xff, 0xf1, 0x50, 0x80], binaryTail),
  binaryJunk: bytes([0x13, 0x37, 0x00, 0x42], binaryTail),
} satisfies Record<string, Buffer>;

describe('sniffMediaTypes', () => {
  it.each<[keyof typeof FILES, MediaType[]]>([
    ['pdf', ['application/pdf']],
    ['png', ['image/png']],
    ['jpeg', ['image/jpeg']],
    ['webp', ['image/webp']],
    ['gif', ['image/gif']],
    ['docx', ['application/vnd.openxmlformats-officedocument.wordprocessingml.document']],
    ['xlsx', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']],
    ['pptx', ['application/vnd.openxmlformats-officedocument.presentationml.presentation']],
    ['doc', ['application/msword']],
    ['xls', ['application/vnd.ms-excel']],
    ['utf8Text', ['text/plain', 'text/csv']],
    ['gbkCsv', ['text/plain', 'text/csv']],
    ['id3Mp3', ['audio/mpeg']],
    ['bareMp3', ['audio/mpeg']],
    ['m4a', ['audio/mp4']],
    ['androidM4a', ['video/mp4', 'audio/mp4']],
    ['mp4', ['video/mp4', 'audio/mp4']],
    ['wav', ['audio/wav']],
    ['amr', ['audio/amr']],
    ['amrWideband', ['audio/amr']],
  ])('tells %s by its bytes', (file, types) => {
    expect(sniffMediaTypes(FILES[file])).toEqual(types);
  });

  it.each(Object.keys(REFUSED) as (keyof typeof REFUSED)[])(
    'finds no accepted type in %s',
    (file) => {
      expect(sniffMediaTypes(REFUSED[file])).toEqual([]);
    },
  );
});

describe('decideMediaType', () => {
  it.each<[string, Buffer, string, string, MediaType]>([
    [
      'a PDF as the browser sends it',
      FILES.pdf,
      'application/pdf',
      '报价单.pdf',
      'application/pdf',
    ],
    [
      'a type the client does not know',
      FILES.pdf,
      'application/octet-stream',
      '方案书.pdf',
      'application/pdf',
    ],
    ['a name without an extension', FILES.png, 'image/png', '微信截图', 'image/png'],
    [
      'upper-case names and type parameters',
      FILES.jpeg,
      'IMAGE/JPEG; q=1',
      'IMG_0001.JPG',
      'image/jpeg',
    ],
    ['an alias of the type', FILES.jpeg, 'image/pjpeg', 'scan.jpeg', 'image/jpeg'],
    ['a .txt note', FILES.utf8Text, 'text/plain', '拜访纪要.txt', 'text/plain'],
    [
      'a CSV as Windows browsers declare it',
      FILES.gbkCsv,
      'application/vnd.ms-excel',
      '客户.csv',
      'text/csv',
    ],
    ['a CSV declared as text', FILES.gbkCsv, 'text/plain', '客户.csv', 'text/csv'],
    [
      'an Excel 97 sheet declared the same way',
      FILES.xls,
      'application/vnd.ms-excel',
      '价目表.xls',
      'application/vnd.ms-excel',
    ],
    ['an iPhone voice memo', FILES.m4a, 'audio/x-m4a', '录音.m4a', 'audio/mp4'],
    [
      'an Android voice memo with a generic MP4 brand',
      FILES.androidM4a,
      'audio/mp4',
      '通话录音.m4a',
      'audio/mp4',
    ],
    ['a video', FILES.mp4, 'video/mp4', '产品演示.mp4', 'video/mp4'],
    ['a WeChat voice message', FILES.amr, 'application/octet-stream', 'voice.amr', 'audio/amr'],
  ])('accepts %s', (_case, content, declared, fileName, expected) => {
    expect(decideMediaType(content, declared, fileName)).toEqual({ ok: true, mediaType: expected });
  });

  it.each<[string, Buffer, string, string, RegExp]>([
    [
      'an executable',
      REFUSED.windowsExe,
      'application/pdf',
      '合同.pdf',
      /none of the accepted types/,
    ],
    [
      'a PNG declared as JPEG',
      FILES.png,
      'image/jpeg',
      'photo.png',
      /declared as image\/jpeg, but the content is image\/png/,
    ],
    [
      'a PDF named .png',
      FILES.pdf,
      'application/octet-stream',
      'photo.png',
      /ends in \.png, but the content is application\/pdf/,
    ],
    [
      'text named as an executable',
      FILES.utf8Text,
      'application/octet-stream',
      'setup.exe',
      /ends in \.exe/,
    ],
    [
      'text named as a web page',
      FILES.utf8Text,
      'text/html',
      'page.html',
      /declared as text\/html/,
    ],
    [
      'a Word file declared as PDF',
      FILES.docx,
      'application/pdf',
      '方案.pdf',
      /but the content is application\/vnd\.openxml/,
    ],
    [
      'a voice memo named as a video',
      FILES.m4a,
      'application/octet-stream',
      'memo.mp4',
      /ends in \.mp4/,
    ],
  ])('refuses %s', (_case, content, declared, fileName, reason) => {
    const decision = decideMediaType(content, declared, fileName);
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason.en).toMatch(reason);
  });
});

describe('extensionOf', () => {
  it.each<[string, string | undefined]>([
    ['报价单.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['README', undefined],
    ['.env', undefined],
    ['notes.', undefined],
  ])('%s → %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});
