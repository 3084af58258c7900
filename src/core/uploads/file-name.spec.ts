import { cleanFileName, MAX_FILE_NAME_LENGTH } from './file-name';

describe('cleanFileName', () => {
  it.each<[string, string, string]>([
    ['keeps a Chinese name as it is', '华东区阀门报价单 v2.pdf', '华东区阀门报价单 v2.pdf'],
    ['trims spaces around the name', '  拜访纪要.docx ', '拜访纪要.docx'],
    ['drops control characters', 'a\u0000b\r\nc.txt', 'abc.txt'],
    [
      'drops bidirectional overrides that disguise the extension',
      'invoice\u202Efdp.exe',
      'invoicefdp.exe',
    ],
    ['names a nameless file', ' \u0007 ', 'attachment'],
    ['names an empty name', '', 'attachment'],
  ])('%s', (_case, raw, cleaned) => {
    expect(cleanFileName(raw, 'attachment')).toBe(cleaned);
  });

  it('shortens a long name before its extension, counting characters, not UTF-16 units', () => {
    const cleaned = cleanFileName(`${'😀'.repeat(300)}.xlsx`, 'attachment');
    expect(Array.from(cleaned)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(cleaned).toBe(`${'😀'.repeat(MAX_FILE_NAME_LENGTH - 5)}.xlsx`);
  });
});
