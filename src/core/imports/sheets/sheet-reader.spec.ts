import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedFileException } from '../imports.exception';
import { SheetRow } from './sheet-row';
import { openSheet } from './sheet-reader';

/** The real streaming readers on small files: formats, encodings and row numbers. */
describe('openSheet', () => {
  let dir: string;
  let fileSeq = 0;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sheet-reader-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (content: Buffer | string) => {
    const path = join(dir, `upload-${++fileSeq}`);
    writeFileSync(path, content);
    return path;
  };

  async function readAll(path: string): Promise<{ headers: string[]; rows: SheetRow[] }> {
    const sheet = await openSheet(path);
    const rows: SheetRow[] = [];
    for await (const batch of sheet.rows) rows.push(...batch);
    return { headers: sheet.headers, rows };
  }

  const CSV =
    '\r\n姓名,电话,标签\r\n杭州某工业配件公司,13800138000,"只接受月结,倾向视频演示"\r\n\r\n , \r\n"上海某\n烘焙连锁",13900139000,\r\n';

  it.each([
    ['UTF-8', Buffer.from(CSV)],
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${CSV}`)],
    ['GBK', iconv.encode(CSV, 'gbk')],
  ])(
    'reads a %s CSV with the row numbers Excel shows, skipping blank rows',
    async (_label, content) => {
      expect(await readAll(file(content))).toEqual({
        headers: ['姓名', '电话', '标签'],
        rows: [
          { number: 3, cells: ['杭州某工业配件公司', '13800138000', '只接受月结,倾向视频演示'] },
          { number: 6, cells: ['上海某\n烘焙连锁', '13900139000', ''] },
        ],
      });
    },
  );

  it('reads the first worksheet of an xlsx only, by its row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('客户');
    first.getCell('A2').value = '姓名';
    first.getCell('B2').value = '电话';
    first.getCell('A4').value = '西湖烘焙店';
    first.getCell('B4').value = 13700137000;
    workbook.addWorksheet('备注').addRow(['不是客户']);
    const { headers, rows } = await readAll(file(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(headers).toEqual(['姓名', '电话']);
    expect(rows).toEqual([{ number: 4, cells: ['西湖烘焙店', '13700137000'] }]);
  });

  it('refuses a UTF-8 file that turns into GBK after the sample the encoding was decided on', async () => {
    const ascii = `name,phone\n${'ACME Trading,13800138000\n'.repeat(60_000)}`;
    const sheet = await openSheet(
      file(
        Buffer.concat([
          Buffer.from(ascii),
          iconv.encode('杭州某工业配件公司,13900139000\n', 'gbk'),
        ]),
      ),
    );
    const drain = async () => {
      for await (const batch of sheet.rows) expect(batch.length).toBeGreaterThan(0);
    };
    await expect(drain()).rejects.toThrow(/not valid UTF-8 throughout/);
  });

  it.each([
    ['an empty file', ''],
    ['only blank lines', '\r\n,,\r\n   \r\n'],
  ])('refuses %s for want of a header row', async (_label, content) => {
    await expect(openSheet(file(content))).rejects.toThrow(UnsupportedFileException);
  });

  it('refuses a damaged xlsx with the reader’s reason', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('客户').addRow(['姓名', '电话']);
    const damaged = Buffer.from(await workbook.xlsx.writeBuffer()).subarray(0, 200);
    await expect(openSheet(file(damaged))).rejects.toThrow(/damaged or not an \.xlsx/);
  });

  it('stops reading and releases the file when closed early', async () => {
    const sheet = await openSheet(file(`姓名,电话\n${'客户,13800138000\n'.repeat(10_000)}`));
    const first = await sheet.rows.next();
    expect(first.done).toBe(false);
    await sheet.close();
    expect((await sheet.rows.next()).done).toBe(true);
  });
});
