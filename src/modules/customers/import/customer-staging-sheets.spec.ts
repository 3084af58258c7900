import iconv from 'iconv-lite';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnsupportedFileException } from '../../../core/imports/imports.exception';
import { openSheet } from '../../../core/imports/sheets/sheet-reader';
import { SheetThreadScript, startSheetThread } from '../../../core/imports/sheets/sheet-thread';
import {
  FromSheetThread,
  MAX_BATCHES_IN_FLIGHT,
  ToSheetThread,
} from '../../../core/imports/sheets/sheet-thread.protocol';
import { StagingSheet, StagingSheetPool } from '../../../core/imports/sheets/staging-sheet-pool';
import { ColumnLayout } from './domain/header-mapping';
import { CUSTOMER_STAGING_FORMATTER as formatter, stagingRecord } from './domain/staging-row';

const LAYOUT: ColumnLayout = { name: 0, phone: 1, tags: 2 };
const OPTIONS = {
  defaultOwnerId: '4f9f8a4e-1c1b-4b53-9d55-6d0c6b2f7a10',
  keepCells: false,
  language: 'en' as const,
};

/** The shared sheet threads with the customer formatter (compiled by ts-node, as under the e2e tests) on small files. */
describe('StagingSheetPool with customer rows', () => {
  let dir: string;
  let fileSeq = 0;
  const pool = new StagingSheetPool();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'staging-sheets-'));
    pool.onApplicationBootstrap();
  });
  afterAll(async () => {
    await pool.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (content: Buffer | string) => {
    const path = join(dir, `upload-${++fileSeq}`);
    writeFileSync(path, content);
    return path;
  };
  const csvRows = (count: number) =>
    Array.from({ length: count }, (_, i) => `客户${i},139${String(i).padStart(8, '0')},VIP`);

  /** Whether this process (its threads included) has the file open. */
  const isOpen = (path: string) =>
    readdirSync('/proc/self/fd').some((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false; // closed while we looked
      }
    });

  async function stageAll(
    sheet: StagingSheet,
    layout = LAYOUT,
  ): Promise<{ text: string; rows: number }> {
    const texts: Uint8Array[] = [];
    let rows = 0;
    for await (const batch of sheet.batches({ formatter, layout, options: OPTIONS })) {
      texts.push(batch.text);
      rows += batch.rows;
    }
    return { text: Buffer.concat(texts).toString('utf8'), rows };
  }

  it('stages exactly what the sheet reader and stagingRecord give in this thread', async () => {
    const path = file(
      iconv.encode(
        `姓名,电话,标签\r\n\r\n${csvRows(2500).join('\r\n')}\r\n坏行,12345,\r\n"多\n行",13800138000,"a\tb"\r\n`,
        'gbk',
      ),
    );
    const sheet = await pool.open(path);
    try {
      expect({ format: sheet.format, headers: sheet.headers }).toEqual({
        format: 'csv',
        headers: ['姓名', '电话', '标签'],
      });
      const staged = await stageAll(sheet);

      const inThread = await openSheet(path);
      let expected = '';
      let rows = 0;
      for await (const batch of inThread.rows) {
        for (const row of batch) expected += stagingRecord(row, LAYOUT, OPTIONS);
        rows += batch.length;
      }
      expect(staged).toEqual({ text: expected, rows });
      expect(rows).toBe(2502);
    } finally {
      await sheet.close();
    }
  });

  it('rebuilds the reader’s refusal of an unreadable file as the same UnsupportedFileException', async () => {
    const path = file('\r\n,,\r\n');
    const inThread = await openSheet(path).catch((error: unknown) => error);
    const fromThreads = await pool.open(path).catch((error: unknown) => error);
    expect(fromThreads).toBeInstanceOf(UnsupportedFileException);
    expect(fromThreads).toEqual(inThread);
    expect(fromThreads).toMatchObject({ code: 'UNSUPPORTED_FILE', message: /no header row/ });
  });

  it('passes on a failure found part-way through the rows, then stops', async () => {
    const ascii = `name,phone\n${'ACME Trading,13800138000\n'.repeat(60_000)}`;
    const path = file(
      Buffer.concat([Buffer.from(ascii), iconv.encode('杭州某工业配件公司,13900139000\n', 'gbk')]),
    );
    const sheet = await pool.open(path);
    try {
      const staging = stageAll(sheet, { name: 0, phone: 1 });
      await expect(staging).rejects.toThrow(UnsupportedFileException);
      await expect(staging).rejects.toThrow(/not valid UTF-8 throughout/);
    } finally {
      await sheet.close();
    }
  });

  it('passes on a system error with its code, for the log', async () => {
    const missing = join(dir, 'gone');
    await expect(pool.open(missing)).rejects.toMatchObject({
      code: 'ENOENT',
      syscall: 'open',
    });
  });

  it('stops both threads and releases the file when closed part-way', async () => {
    const path = file(`姓名,电话,标签\n${csvRows(200_000).join('\n')}\n`);
    const sheet = await pool.open(path);
    const batches = sheet.batches({ formatter, layout: LAYOUT, options: OPTIONS });
    expect((await batches.next()).done).toBe(false);
    expect(isOpen(path)).toBe(true);
    await sheet.close();
    expect(isOpen(path)).toBe(false);
    await expect(batches.next()).rejects.toThrow(/stopped before it finished/);
  });

  it.each<SheetThreadScript>(['sheet-reader', 'staging-records'])(
    `%s sends at most ${MAX_BATCHES_IN_FLIGHT} batches its starter has not taken`,
    async (script) => {
      const thread = startSheetThread(script);
      try {
        const received: FromSheetThread<unknown>['type'][] = [];
        thread.on('message', (message: FromSheetThread<unknown>) => received.push(message.type));
        const send = (message: ToSheetThread) => thread.postMessage(message);
        /** The messages once `count` have come and a while has passed (parsing is far faster). */
        const receivedAfter = async (count: number) => {
          while (received.length < count) await sleep(20);
          await sleep(1000);
          return [...received];
        };
        const batches = (count: number) => ['opened', ...Array<string>(count).fill('batch')];
        send({ type: 'open', path: file(`姓名,电话\n${csvRows(20_000).join('\n')}\n`) });
        await once(thread, 'message');
        send({ type: 'stage', formatter, layout: { name: 0, phone: 1 }, options: OPTIONS });
        expect(await receivedAfter(1 + MAX_BATCHES_IN_FLIGHT)).toEqual(
          batches(MAX_BATCHES_IN_FLIGHT),
        );
        send({ type: 'taken' });
        send({ type: 'taken' });
        expect(await receivedAfter(3 + MAX_BATCHES_IN_FLIGHT)).toEqual(
          batches(MAX_BATCHES_IN_FLIGHT + 2),
        );
      } finally {
        await thread.terminate();
      }
    },
  );

  it('hands out sheets one after another and several at once', async () => {
    const headers = async (path: string) => {
      const sheet = await pool.open(path);
      await sheet.close();
      return sheet.headers;
    };
    const paths = ['a', 'b', 'c'].map((column) => file(`${column},电话\n`));
    const expected = [
      ['a', '电话'],
      ['b', '电话'],
      ['c', '电话'],
    ];
    const oneAfterAnother: string[][] = [];
    for (const path of paths) oneAfterAnother.push(await headers(path));
    expect(oneAfterAnother).toEqual(expected);
    expect(await Promise.all(paths.map(headers))).toEqual(expected);
  });
});
