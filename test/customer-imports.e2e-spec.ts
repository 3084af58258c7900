import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import type { Response } from 'supertest';
import { FIRST_CHUNK_ROWS } from '../src/core/imports/merge-chunks';
import { CSV_BATCH_ROWS } from '../src/core/imports/sheets/sheet-reader';
import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp, withClient } from './support/test-app';

interface ImportSummary {
  id: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number | null;
  processedRows: number;
  created: number;
  merged: number;
  invalid: number;
  errors: { row: number; field: string; reason: string }[];
  failureCode: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface CustomerRow {
  id: string;
  name: string;
  phone: string;
  segment: string;
  company: string | null;
  city: string | null;
  tags: string[];
  purchaseFrequency: string | null;
  avgOrderValue: string | null;
  ownerId: string | null;
  version: number;
}

interface UploadOptions {
  fileName?: string;
  ownerId?: string;
  mapping?: string;
  idempotencyKey?: string;
  /** Accept-Language of the upload: the language of the import's reasons. */
  language?: string;
}

/** Cells joined as Excel writes CSV: quoted when they hold a comma, quote or line break; CRLF lines. */
function csvText(rows: string[][]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

async function xlsxFile(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('客户').addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first worksheet's rows as arrays (1-based cells, as exceljs gives them). */
async function sheetRows(file: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  return (workbook.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean);
}

describe('customer import', () => {
  let app: TestApp;
  /** The org of OrgFactory.eastRegion(). */
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  /** A fresh mobile number per call, as national digits (13 9xxx xxxx). */
  let phoneSeq = 0;
  const nextMobile = () => `139${String(10_000_000 + ++phoneSeq).slice(-8)}`;
  const e164 = (mobile: string) => `+86${mobile}`;

  const upload = (auth: string, file: Buffer | string, options: UploadOptions = {}) => {
    const request = app.api().post(`${API}/customers/imports`).set('authorization', auth);
    if (options.idempotencyKey) request.set('idempotency-key', options.idempotencyKey);
    if (options.language) request.set('accept-language', options.language);
    if (options.ownerId) request.field('ownerId', options.ownerId);
    if (options.mapping) request.field('mapping', options.mapping);
    return request.attach('file', Buffer.from(file), options.fileName ?? 'customers.csv');
  };

  const read = (auth: string, id: string) => app.get(`/customers/imports/${id}`, auth);

  /** The summary once the import has ended, following a 202 by polling. */
  async function finished(response: Response, auth: string): Promise<ImportSummary> {
    let summary = response.body as ImportSummary;
    while (summary.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      summary = (await read(auth, summary.id).expect(200)).body as ImportSummary;
    }
    return summary;
  }

  /**
   * A finished import of `rows`: answered 201, or 202 when it outlasts the 2-second response
   * budget (two test files share the machine), then read until it ends. The tests of the
   * budget itself ("formats") ask for 201.
   */
  const importCsv = async (auth: string, rows: string[][], options: UploadOptions = {}) => {
    const response = await upload(auth, csvText(rows), options);
    expect([201, 202]).toContain(response.status);
    return finished(response, auth);
  };

  const customer = async (phone: string): Promise<CustomerRow | undefined> =>
    (
      await app.sql<CustomerRow>(
        `SELECT id, name, phone, segment, company, city, tags, purchase_frequency AS "purchaseFrequency",
           avg_order_value AS "avgOrderValue", owner_id AS "ownerId", version
         FROM customers WHERE phone = $1`,
        [phone],
      )
    )[0];

  const countCustomers = async (phones: string[]) =>
    (
      await app.sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM customers WHERE phone = ANY($1)',
        [phones],
      )
    )[0].n;

  /** Waits until `count` imports wait for a lock: at their merge, or for the import lock. */
  async function waitForImportsWaitingOnLocks(count: number): Promise<void> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const [{ waiting }] = await app.sql<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND (query LIKE '%customer_import_staging%' OR query LIKE '%pg_advisory_xact_lock%')`,
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Fewer than ${count} imports came to wait for a lock`);
  }

  const downloadErrors = (auth: string, id: string) =>
    app
      .get(`/customers/imports/${id}/errors.xlsx`, auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  describe('formats', () => {
    it('imports the first worksheet of an xlsx: numbers, rich text, formula results and dates as text', async () => {
      const [phoneA, phoneB] = [nextMobile(), nextMobile()];
      const file = await xlsxFile([
        ['客户名称', '手机号', '公司', '城市', '标签', '购买频次', '客单价', '签约日期'],
        [
          '杭州某工业配件公司',
          Number(phoneA),
          { richText: [{ text: '杭州精工' }, { text: '配件有限公司', font: { bold: true } }] },
          { formula: '"杭"&"州"', result: '杭州' },
          '只接受月结、倾向视频演示',
          2.5,
          12800.5,
          new Date('2026-03-01T00:00:00Z'),
        ],
        ['上海某烘焙连锁', `+86 ${phoneB}`, null, '上海', null, null, '¥3,280', null],
      ]);
      const response = await upload(app.adminAuth, file, { fileName: '客户.xlsx' }).expect(201);
      expect(response.headers['idempotent-replayed']).toBe('false');
      expect(response.body).toMatchObject({
        status: 'completed',
        format: 'xlsx',
        fileName: '客户.xlsx',
        totalRows: 2,
        processedRows: 2,
        created: 2,
        merged: 0,
        invalid: 0,
        errors: [],
      });
      expect(await customer(e164(phoneA))).toMatchObject({
        name: '杭州某工业配件公司',
        company: '杭州精工配件有限公司',
        city: '杭州',
        tags: ['只接受月结', '倾向视频演示'],
        purchaseFrequency: '2.5000',
        avgOrderValue: '12800.50',
        segment: 'b2b',
        ownerId: null,
      });
      expect(await customer(e164(phoneB))).toMatchObject({
        city: '上海',
        avgOrderValue: '3280.00',
      });
    });

    it.each([
      ['UTF-8', (text: string) => Buffer.from(text, 'utf8')],
      ['UTF-8 with a BOM', (text: string) => Buffer.from(`\ufeff${text}`, 'utf8')],
      ['GBK, as Excel saves it on Chinese Windows', (text: string) => iconv.encode(text, 'gbk')],
    ])('imports a CSV in %s with its Chinese intact', async (_label, encode) => {
      const phone = nextMobile();
      const text = csvText([
        ['姓名', '电话', '城市', '标签'],
        ['西湖烘焙店', phone, '杭州', '倾向视频演示，周末送货'],
      ]);
      const response = await upload(u.li.auth, encode(text)).expect(201);
      expect(response.body).toMatchObject({ format: 'csv', created: 1, invalid: 0 });
      expect(await customer(e164(phone))).toMatchObject({
        name: '西湖烘焙店',
        city: '杭州',
        tags: ['倾向视频演示', '周末送货'],
        ownerId: u.li.id,
      });
    });
  });

  describe('messy data', () => {
    it('normalises phones in every common form, skips blank lines, and reports bad rows by spreadsheet row', async () => {
      const phones = Array.from({ length: 5 }, nextMobile);
      const fullWidth = (digits: string) =>
        digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      const text = [
        ' 客户名称 ,手机号码,客单价（元）,消费频次', // row 1: header with spaces and a remark
        `杭州某工业配件公司,${fullWidth(phones[0])},"12,800",3`, // row 2
        '', // row 3: blank
        `上海某烘焙连锁,+86 ${phones[1].slice(0, 3)} ${phones[1].slice(3, 7)} ${phones[1].slice(7)},,`, // row 4
        ',,,', // row 5: blank cells only
        `宁波五金批发,0086-${phones[2]},1.234,`, // row 6: money with 3 decimals
        `,${phones[3]},,`, // row 7: no name
        `绍兴纺织,12345,,`, // row 8: bad phone
        `苏州某电子厂,(${phones[4].slice(0, 3)}) ${phones[4].slice(3)},,每月两次`, // row 9: bad frequency
      ].join('\n');
      const response = await upload(app.adminAuth, text).expect(201);
      expect(response.body).toMatchObject({ totalRows: 6, created: 2, merged: 0, invalid: 4 });
      expect(response.body.created + response.body.merged + response.body.invalid).toBe(
        response.body.totalRows,
      );
      expect(response.body.errors).toEqual([
        { row: 6, field: 'avgOrderValue', reason: expect.stringMatching(/2 decimals/) },
        { row: 7, field: 'name', reason: 'is required' },
        { row: 8, field: 'phone', reason: expect.stringMatching(/not a valid/) },
        { row: 9, field: 'purchaseFrequency', reason: expect.stringMatching(/4 decimals/) },
      ]);
      expect(await customer(e164(phones[0]))).toMatchObject({
        avgOrderValue: '12800.00',
        purchaseFrequency: '3.0000',
      });
      expect(await customer(e164(phones[1]))).toMatchObject({ name: '上海某烘焙连锁' });
      expect(await countCustomers(phones.slice(2).map(e164))).toBe(0);
    });
  });

  describe('duplicates', () => {
    it('merges later rows of a phone into its first: first values win, gaps are filled, tags united', async () => {
      const phone = nextMobile();
      const summary = await importCsv(app.adminAuth, [
        ['姓名', '电话', '公司', '城市', '标签', '客单价'],
        ['杭州某工业配件公司', phone, '杭州精工', '', '只接受月结', ''],
        ['杭州精工（重复）', `+86${phone}`, '别的公司', '杭州', '倾向视频演示、只接受月结', '5000'],
        ['杭州精工（再重复）', `0086 ${phone}`, '', '宁波', '周末送货', '6000'],
      ]);
      expect(summary).toMatchObject({ totalRows: 3, created: 1, merged: 2, invalid: 0 });
      expect(await customer(e164(phone))).toMatchObject({
        name: '杭州某工业配件公司',
        company: '杭州精工',
        city: '杭州',
        avgOrderValue: '5000.00',
        tags: ['只接受月结', '倾向视频演示', '周末送货'],
      });
    });

    it('merges into a customer already in the pool: fills its empty fields, adds tags, keeps name and owner', async () => {
      const phone = nextMobile();
      const created = await app
        .post(`/customers`, u.wang.auth, {
          name: '上海某烘焙连锁',
          phone,
          tags: ['只接受月结'],
          avgOrderValue: '880.00',
        })
        .expect(201);
      const summary = await importCsv(u.li.auth, [
        ['姓名', '电话', '公司', '城市', '标签', '客单价'],
        ['上海烘焙（导入）', phone, '上海某烘焙连锁有限公司', '上海', '倾向视频演示', '990'],
      ]);
      expect(summary).toMatchObject({ created: 0, merged: 1 });
      expect(await customer(e164(phone))).toMatchObject({
        id: created.body.id,
        name: '上海某烘焙连锁',
        company: '上海某烘焙连锁有限公司',
        city: '上海',
        avgOrderValue: '880.00',
        tags: ['只接受月结', '倾向视频演示'],
        ownerId: u.wang.id,
        version: 2,
      });
    });

    it('changes nothing when the same file is imported again, and reports created: 0', async () => {
      const phones = [nextMobile(), nextMobile()];
      const rows = [
        ['姓名', '电话', '城市', '标签'],
        ['绍兴纺织', phones[0], '绍兴', '只接受月结'],
        ['绍兴纺织二厂', phones[1], '', ''],
        ['绍兴纺织', phones[0], '', '倾向视频演示'],
        ['', 'not a phone', '', ''],
      ];
      const first = await importCsv(u.li.auth, rows);
      expect(first).toMatchObject({ created: 2, merged: 1, invalid: 1 });
      const before = await Promise.all(phones.map((phone) => customer(e164(phone))));
      const again = await importCsv(u.li.auth, rows);
      expect(again).toMatchObject({ totalRows: 4, created: 0, merged: 3, invalid: 1 });
      expect(await Promise.all(phones.map((phone) => customer(e164(phone))))).toEqual(before);
    });

    it('never duplicates a customer when two imports overlapping in phones run at once', async () => {
      // Each file starts with a phone of its own that a transaction of this test
      // holds, so both imports are held at their first merge and then let go together.
      const [holdA, holdB] = [nextMobile(), nextMobile()];
      // Phones in ascending order (see nextMobile): `low`, then the bottom and
      // the top of `high`. A first chunk holds FIRST_CHUNK_ROWS rows, or up to a
      // reading batch more.
      const low = Array.from({ length: CSV_BATCH_ROWS }, nextMobile);
      const high = Array.from({ length: FIRST_CHUNK_ROWS + CSV_BATCH_ROWS }, nextMobile);
      const [highBottom, highTop] = [high.slice(0, CSV_BATCH_ROWS), high.slice(CSV_BATCH_ROWS)];
      const shared = [...low, ...high];
      const onlyA = Array.from({ length: 100 }, nextMobile);
      const onlyB = Array.from({ length: 100 }, nextMobile);
      const fileOf = (phones: string[], name: string) =>
        csvText([['姓名', '电话', '标签'], ...phones.map((phone) => [name, phone, name])]);
      // A merges most of `high` (its bottom included) first, then `low`. B merges
      // `low` and most of the top of `high` first, then the bottom of `high`.
      // Side by side, each would wait for phones the other merged in its first
      // chunk: a deadlock, whichever got ahead.
      const fileA = fileOf([holdA, ...high, ...low, ...onlyA], '甲');
      const fileB = fileOf([holdB, ...low, ...highTop, ...highBottom, ...onlyB], '乙');
      const [a, b] = await withClient(app.databaseUrl, async (holder) => {
        await holder.query('BEGIN');
        await holder.query(
          `INSERT INTO customers (name, phone) VALUES ('占位', $1), ('占位', $2)`,
          [holdA, holdB].map(e164),
        );
        // Two callers who see each other's customers (li's own, zhou's in the pool), so
        // every shared phone merges whichever import gets there first.
        const uploads = Promise.all([upload(u.li.auth, fileA), upload(u.zhou.auth, fileB)]);
        await waitForImportsWaitingOnLocks(2);
        await holder.query('ROLLBACK');
        return uploads;
      });
      const [summaryA, summaryB] = [await finished(a, u.li.auth), await finished(b, u.zhou.auth)];
      expect([summaryA.status, summaryB.status]).toEqual(['completed', 'completed']);
      const phones = [holdA, holdB, ...shared, ...onlyA, ...onlyB];
      expect(summaryA.created + summaryB.created).toBe(phones.length);
      expect(summaryA.created + summaryA.merged + summaryB.created + summaryB.merged).toBe(
        summaryA.totalRows! + summaryB.totalRows!,
      );
      const [{ n: customers, distinct }] = await app.sql<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT phone)::int AS distinct FROM customers WHERE phone = ANY($1)',
        [phones.map(e164)],
      );
      expect([customers, distinct]).toEqual([phones.length, phones.length]);
      const sharedTags = await app.sql<{ tags: string[] }>(
        'SELECT tags FROM customers WHERE phone = ANY($1)',
        [shared.map(e164)],
      );
      expect(sharedTags.every(({ tags }) => tags.length === 2)).toBe(true);
    }, 60_000);

    it('merges a phone met again in a later chunk of the file exactly as within one chunk', async () => {
      const [repeated, existing] = [nextMobile(), nextMobile()];
      await app
        .post(`/customers`, app.adminAuth, { name: '宁波某五金批发', phone: existing })
        .expect(201);
      // The rows between push the last two into the import's second merge chunk
      // (a first chunk holds FIRST_CHUNK_ROWS rows, or up to a reading batch more).
      const between = Array.from({ length: FIRST_CHUNK_ROWS + CSV_BATCH_ROWS }, () => [
        '批发客户',
        nextMobile(),
        '',
        '',
        '',
      ]);
      const response = await upload(
        app.adminAuth,
        csvText([
          ['姓名', '电话', '城市', '类型', '标签'],
          ['温州某鞋材厂', repeated, '', '', '只接受月结'],
          ['宁波五金（导入）', existing, '宁波', '', ''],
          ...between,
          ['温州鞋材（重复）', repeated, '温州', '个人', '周末送货、只接受月结'],
          ['宁波五金（再导入）', existing, '', '', '倾向视频演示'],
        ]),
      );
      const summary = await finished(response, app.adminAuth);
      expect(summary).toMatchObject({
        status: 'completed',
        totalRows: between.length + 4,
        created: between.length + 1,
        merged: 3,
        invalid: 0,
      });
      // Created by its first row: name and segment stay; later rows fill gaps; one write, version 1.
      expect(await customer(e164(repeated))).toMatchObject({
        name: '温州某鞋材厂',
        segment: 'b2b',
        city: '温州',
        tags: ['只接受月结', '周末送货'],
        version: 1,
      });
      // Merged into twice by one import: one new version.
      expect(await customer(e164(existing))).toMatchObject({
        name: '宁波某五金批发',
        city: '宁波',
        tags: ['倾向视频演示'],
        version: 2,
      });
    });

    it('merges exactly as the contract says, for any file (property, against a model)', async () => {
      /** The contract, written plainly: the first row of a new phone creates, every other valid row fills. */
      type Row = { name: string; phone: string; city: string; tags: string[] };
      const model = (rows: Row[]) => {
        const customers = new Map<string, { name: string; city: string | null; tags: string[] }>();
        for (const row of rows) {
          const current = customers.get(row.phone);
          if (!current)
            customers.set(row.phone, {
              name: row.name,
              city: row.city || null,
              tags: [...row.tags],
            });
          else {
            current.city ??= row.city || null;
            current.tags.push(...row.tags.filter((tag) => !current.tags.includes(tag)));
          }
        }
        return customers;
      };
      const run = fc.sample(fc.integer(), 1)[0];
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              name: fc.constantFrom('杭州某工业配件公司', '上海某烘焙连锁', '西湖烘焙店'),
              phone: fc.integer({ min: 0, max: 4 }),
              city: fc.constantFrom('', '杭州', '上海'),
              tags: fc.uniqueArray(fc.constantFrom('只接受月结', '倾向视频演示', '周末送货'), {
                maxLength: 2,
              }),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          async (generated) => {
            const phones = Array.from({ length: 5 }, nextMobile);
            const rows = generated.map((row) => ({ ...row, phone: phones[row.phone] }));
            const summary = await importCsv(app.adminAuth, [
              ['姓名', '电话', '城市', '标签'],
              ...rows.map((row) => [row.name, row.phone, row.city, row.tags.join('、')]),
            ]);
            const expected = model(rows);
            expect(summary).toMatchObject({
              totalRows: rows.length,
              created: expected.size,
              invalid: 0,
            });
            expect(summary.created + summary.merged).toBe(rows.length);
            for (const [phone, want] of expected) {
              expect(await customer(e164(phone))).toMatchObject(want);
            }
          },
        ),
        { numRuns: 12, seed: run },
      );
    });
  });

  describe('data scope', () => {
    it('rejects every row whose phone a customer outside the caller’s scope holds, naming its owner', async () => {
      const [wangs, pooled, fresh] = [nextMobile(), nextMobile(), nextMobile()];
      await app
        .post('/customers', u.wang.auth, {
          name: '杭州某轴承厂',
          phone: wangs,
          tags: ['只接受月结'],
        })
        .expect(201);
      await app
        .post('/customers', app.adminAuth, { name: '嘉兴某纺织', phone: pooled })
        .expect(201);
      const before = await customer(e164(wangs));
      const summary = await importCsv(u.liu.auth, [
        ['姓名', '电话', '城市', '标签', '购买频次'],
        ['杭州轴承（导入）', `+86 ${wangs}`, '杭州', '倾向视频演示', '3'],
        ['上海某新客户', fresh, '上海', '', ''],
        ['嘉兴纺织（导入）', pooled, '嘉兴', '周末送货', ''],
        ['杭州轴承（再导入）', `0086-${wangs}`, '', '', '5'],
      ]);
      expect(summary).toMatchObject({ totalRows: 4, created: 1, merged: 1, invalid: 2 });
      const duplicate = {
        field: 'phone',
        reason: expect.stringMatching(new RegExp(`^DUPLICATE_PHONE\\b.*测试${u.wang.username}`)),
      };
      expect(summary.errors).toEqual([
        { row: 2, ...duplicate },
        { row: 5, ...duplicate },
      ]);
      // Not a field written, not a version bumped.
      expect(await customer(e164(wangs))).toEqual(before);
      expect(await customer(e164(pooled))).toMatchObject({
        city: '嘉兴',
        tags: ['周末送货'],
        ownerId: null,
      });
      const report = await sheetRows(
        (await downloadErrors(u.liu.auth, summary.id).expect(200)).body as Buffer,
      );
      expect(report[1].slice(1, 6)).toEqual([
        '杭州轴承（导入）',
        `'+86 ${wangs}`, // a leading + is neutralised, as every formula-like cell
        '杭州',
        '倾向视频演示',
        '3',
      ]);
      expect(report[1][report[1].length - 1]).toMatch(/^phone: DUPLICATE_PHONE\b/);
    });

    it('still merges for callers who see the owner’s customers: the owner’s supervisor, an admin', async () => {
      for (const caller of [u.li, { auth: app.adminAuth }]) {
        const phone = nextMobile();
        await app.post('/customers', u.wang.auth, { name: '绍兴某酒厂', phone }).expect(201);
        const summary = await importCsv(caller.auth, [
          ['姓名', '电话', '标签', '购买频次'],
          ['绍兴酒厂（导入）', phone, '倾向视频演示', '2'],
        ]);
        expect(summary).toMatchObject({ created: 0, merged: 1, invalid: 0 });
        expect(await customer(e164(phone))).toMatchObject({
          tags: ['倾向视频演示'],
          purchaseFrequency: '2.0000',
          ownerId: u.wang.id,
          version: 2,
        });
      }
    });
  });

  describe('owners', () => {
    it('puts rows without an owner where POST /customers would: pool for an admin, the supervisor, the rep', async () => {
      for (const [caller, owner] of [
        [app.adminAuth, null],
        [u.li.auth, u.li.id],
        [u.wang.auth, u.wang.id],
      ] as const) {
        const phone = nextMobile();
        await importCsv(caller, [
          ['姓名', '电话'],
          ['金华某五金店', phone],
        ]);
        expect((await customer(e164(phone)))?.ownerId).toBe(owner);
      }
    });

    it('gives rows to ownerId when the caller may assign to that user', async () => {
      const phone = nextMobile();
      await importCsv(
        u.li.auth,
        [
          ['姓名', '电话'],
          ['台州某汽配厂', phone],
        ],
        { ownerId: u.zhao.id },
      );
      expect((await customer(e164(phone)))?.ownerId).toBe(u.zhao.id);
      const forbidden = await upload(
        u.wang.auth,
        csvText([
          ['姓名', '电话'],
          ['x', nextMobile()],
        ]),
        {
          ownerId: u.zhao.id,
        },
      ).expect(403);
      expect(forbidden.body.code).toBe('OWNER_NOT_ALLOWED');
      const outside = await upload(
        u.li.auth,
        csvText([
          ['姓名', '电话'],
          ['x', nextMobile()],
        ]),
        {
          ownerId: u.liu.id,
        },
      ).expect(422);
      expect(outside.body).toMatchObject({
        code: 'OWNER_OUT_OF_SCOPE',
        errors: [{ field: 'ownerId' }],
      });
    });

    it('assigns rows to the 负责人 named, if assignable, and rejects the rest without revealing who exists', async () => {
      const phones = Array.from({ length: 4 }, nextMobile);
      const summary = await importCsv(u.li.auth, [
        ['姓名', '电话', '负责人'],
        ['嘉兴某门窗厂', phones[0], u.wang.username.toUpperCase()],
        ['湖州某茶庄', phones[1], u.liu.username],
        ['温州某鞋厂', phones[2], 'nobody.here'],
        ['舟山某水产', phones[3], ''],
      ]);
      expect(summary).toMatchObject({ created: 2, invalid: 2 });
      expect(summary.errors).toEqual([
        {
          row: 3,
          field: 'owner',
          reason: `is not an active user you may assign customers to: ${u.liu.username}`,
        },
        {
          row: 4,
          field: 'owner',
          reason: 'is not an active user you may assign customers to: nobody.here',
        },
      ]);
      expect((await customer(e164(phones[0])))?.ownerId).toBe(u.wang.id);
      expect((await customer(e164(phones[3])))?.ownerId).toBe(u.li.id);
    });

    it('lets a rep name only itself as 负责人', async () => {
      const phones = [nextMobile(), nextMobile()];
      const summary = await importCsv(u.wang.auth, [
        ['姓名', '电话', '负责人'],
        ['衢州某农资', phones[0], u.wang.username],
        ['丽水某竹木', phones[1], u.zhao.username],
      ]);
      expect(summary).toMatchObject({
        created: 1,
        invalid: 1,
        errors: [{ row: 3, field: 'owner' }],
      });
      expect((await customer(e164(phones[0])))?.ownerId).toBe(u.wang.id);
    });
  });

  describe('error report', () => {
    it('lists every rejected row in its own columns, with row number and reasons, formulas neutralised', async () => {
      const summary = await importCsv(u.wang.auth, [
        ['姓名', '电话', '城市', '备注'],
        ['=HYPERLINK("http://evil.example","点我")', '12345', '@杭州', '-5'],
        ['杭州某工业配件公司', nextMobile(), '杭州', ''],
        ['', '+1 555 0100', '\t上海', '=1+1'],
      ]);
      expect(summary).toMatchObject({ created: 1, invalid: 2 });
      const response = await downloadErrors(u.wang.auth, summary.id).expect(200);
      expect(response.headers['content-type']).toMatch(/spreadsheetml/);
      const rows = await sheetRows(response.body as Buffer);
      expect(rows.map((row) => row.slice(1))).toEqual([
        ['姓名', '电话', '城市', '备注', '行号 Row', '错误原因 Reason'],
        [
          '\'=HYPERLINK("http://evil.example","点我")',
          '12345',
          "'@杭州",
          "'-5",
          2,
          expect.stringMatching(/^phone: is not a valid/),
        ],
        [
          undefined,
          "'+1 555 0100",
          "'\t上海",
          "'=1+1",
          4,
          expect.stringMatching(/^name: is required; phone: /),
        ],
      ]);
    });

    it('gives its reasons in the language of the upload, also in errors.xlsx', async () => {
      const summary = await importCsv(
        u.wang.auth,
        [
          ['姓名', '电话'],
          ['', '12345'],
        ],
        { language: 'zh-CN,zh;q=0.9' },
      );
      expect(summary.errors).toEqual([
        { row: 2, field: 'name', reason: '为必填项' },
        { row: 2, field: 'phone', reason: expect.stringMatching(/^不是有效的中国手机号/) },
      ]);
      const rows = await sheetRows((await downloadErrors(u.wang.auth, summary.id)).body as Buffer);
      expect(rows[1][rows[1].length - 1]).toMatch(/^name: 为必填项; phone: 不是有效的/);
    });

    it('can be fixed and imported again: the neutralising quote is taken off on the way in', async () => {
      const phone = nextMobile();
      const summary = await importCsv(u.wang.auth, [
        ['姓名', '电话'],
        ['-宁波某五金', 'x'],
      ]);
      const rows = await sheetRows(
        (await downloadErrors(u.wang.auth, summary.id).expect(200)).body as Buffer,
      );
      rows[1][2] = phone;
      const fixed = await xlsxFile(rows.map((row) => row.slice(1) as ExcelJS.CellValue[]));
      expect(
        (await upload(u.wang.auth, fixed, { fileName: 'fixed.xlsx' }).expect(201)).body,
      ).toMatchObject({
        created: 1,
        invalid: 0,
      });
      expect((await customer(e164(phone)))?.name).toBe('-宁波某五金');
    });
  });

  describe('visibility', () => {
    it('shows an import to its creator and the creator’s superiors; others get 404', async () => {
      const summary = await importCsv(u.wang.auth, [
        ['姓名', '电话'],
        ['丽水某竹木', nextMobile()],
      ]);
      for (const viewer of [u.wang, u.li, u.zhou]) {
        await read(viewer.auth, summary.id).expect(200);
      }
      await read(app.adminAuth, summary.id).expect(200);
      for (const outsider of [u.liu, u.zhao, u.sun]) {
        const response = await read(outsider.auth, summary.id).expect(404);
        expect(response.body.code).toBe('NOT_FOUND');
        await downloadErrors(outsider.auth, summary.id).expect(404);
      }
    });
  });

  describe('refusals', () => {
    it.each([
      ['an empty file', Buffer.alloc(0), /empty/],
      [
        'binary garbage',
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        /binary|neither/,
      ],
      ['a truncated xlsx', 'truncated', /damaged/],
      [
        'an .xls (Excel 97-2003) file',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        /\.xls/,
      ],
      ['a file of blank lines', Buffer.from('\r\n ,  , \r\n\r\n'), /no header row/],
    ])('answers %s with 400 UNSUPPORTED_FILE and a reason', async (_label, content, reason) => {
      const file =
        content === 'truncated' ? (await xlsxFile([['姓名', '电话']])).subarray(0, 300) : content;
      const response = await upload(app.adminAuth, file as Buffer).expect(400);
      expect(response.body).toMatchObject({
        code: 'UNSUPPORTED_FILE',
        errors: [{ field: 'file', message: expect.stringMatching(reason) }],
      });
    });

    it('answers a file without a phone column with 400 MISSING_COLUMN naming it', async () => {
      const response = await upload(
        app.adminAuth,
        csvText([
          ['姓名', '座机号'],
          ['x', '1'],
        ]),
      ).expect(400);
      expect(response.body).toMatchObject({
        code: 'MISSING_COLUMN',
        errors: [{ field: 'file', message: expect.stringMatching(/^has no phone column/) }],
      });
    });

    it('takes a mapping for unusual headers, and refuses a bad one', async () => {
      const phone = nextMobile();
      const rows = [
        ['客户', '客户手机', '备注'],
        ['义乌小商品店', phone, '电话'],
      ];
      await importCsv(app.adminAuth, rows, {
        mapping: '{"客户":"name","客户手机":"phone","备注":null}',
      });
      expect((await customer(e164(phone)))?.name).toBe('义乌小商品店');
      const bad = await upload(app.adminAuth, csvText(rows), {
        mapping: '{"客户":"fullName"}',
      }).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'mapping.客户', message: expect.any(String) }]);
      const absent = await upload(app.adminAuth, csvText(rows), {
        mapping: '{"手机":"phone"}',
      }).expect(400);
      expect(absent.body).toMatchObject({ code: 'MISSING_COLUMN' });
    });

    it('refuses a body that is not a proper upload', async () => {
      const json = await app.post('/customers/imports', app.adminAuth, { file: 'x' }).expect(400);
      expect(json.body.errors).toEqual([
        { field: 'file', message: expect.stringMatching(/multipart/) },
      ]);
      const noFile = await app
        .api()
        .post(`${API}/customers/imports`)
        .set('authorization', app.adminAuth)
        .field('ownerId', u.li.id)
        .expect(400);
      expect(noFile.body.errors).toEqual([{ field: 'file', message: 'is required' }]);
      const unknown = await upload(app.adminAuth, csvText([['姓名', '电话']]))
        .field('dryRun', 'true')
        .expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'dryRun', message: expect.any(String) }]);
      await upload(app.adminAuth, csvText([['姓名', '电话']]), { ownerId: 'not-a-uuid' }).expect(
        400,
      );
    });

    it('requires authentication', async () => {
      await app
        .api()
        .post(`${API}/customers/imports`)
        .attach('file', Buffer.from('姓名,电话\n'), 'a.csv')
        .expect(401);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the import a key started, and refuses the key with another file', async () => {
      const rows = [
        ['姓名', '电话'],
        ['温州某鞋厂', nextMobile()],
      ];
      const first = await upload(u.li.auth, csvText(rows), {
        idempotencyKey: 'import-2026-03-01',
      }).expect(201);
      const again = await upload(u.li.auth, csvText(rows), {
        idempotencyKey: 'import-2026-03-01',
      }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const [{ n }] = await app.sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM customer_imports WHERE file_sha256 = (SELECT file_sha256 FROM customer_imports WHERE id = $1)',
        [first.body.id],
      );
      expect(n).toBe(1);
      const otherFile = await upload(u.li.auth, csvText([...rows, ['x', nextMobile()]]), {
        idempotencyKey: 'import-2026-03-01',
      }).expect(409);
      expect(otherFile.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const otherOwner = await upload(u.li.auth, csvText(rows), {
        idempotencyKey: 'import-2026-03-01',
        ownerId: u.wang.id,
      }).expect(409);
      expect(otherOwner.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // Keys are the caller's own.
      await upload(u.sun.auth, csvText(rows), { idempotencyKey: 'import-2026-03-01' }).expect(201);
    });

    it('refuses a key over 255 characters', async () => {
      const response = await upload(u.li.auth, csvText([['姓名', '电话']]), {
        idempotencyKey: 'k'.repeat(256),
      }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'Idempotency-Key', message: expect.any(String) },
      ]);
    });
  });

  describe('audit', () => {
    it('records one event per import, with its counts', async () => {
      const summary = await importCsv(u.li.auth, [
        ['姓名', '电话'],
        ['舟山某水产', nextMobile()],
        ['舟山某水产二店', nextMobile()],
        ['', ''],
        ['舟山某水产三店', 'bad'],
      ]);
      const events = await app.sql<{
        action: string;
        actorId: string;
        data: Record<string, unknown>;
      }>(
        `SELECT action, actor_id AS "actorId", data FROM audit_events WHERE entity = 'customer_import' AND entity_id = $1`,
        [summary.id],
      );
      expect(events).toEqual([
        {
          action: 'completed',
          actorId: u.li.id,
          data: expect.objectContaining({ totalRows: 3, created: 2, merged: 0, invalid: 1 }),
        },
      ]);
    });
  });

  describe('a large file', () => {
    const largeCsv = (rows: number, mobilePrefix: string) => {
      const lines = ['姓名,电话,城市,标签'];
      for (let i = 0; i < rows; i++)
        lines.push(`客户${i},${mobilePrefix}${String(i).padStart(6, '0')},杭州,只接受月结`);
      return lines.join('\n');
    };

    it('answers 202 while it runs, shows processedRows growing, and completes', async () => {
      // Large enough that staging outlasts the 2 s response budget, even on a fast machine.
      const rows = 400_000;
      const response = await upload(app.adminAuth, largeCsv(rows, '13610')).expect(202);
      expect(response.body).toMatchObject({ status: 'running', created: 0 });
      const seen = [response.body.processedRows as number];
      let summary = response.body as ImportSummary;
      while (summary.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 100));
        summary = (await read(app.adminAuth, summary.id).expect(200)).body;
        seen.push(summary.processedRows);
      }
      expect(seen.some((processed) => processed > 0 && processed < rows)).toBe(true);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(summary).toMatchObject({
        status: 'completed',
        totalRows: rows,
        processedRows: rows,
        created: rows,
      });
      // When it finished, not when its transaction began: after the 202, given 2 s in.
      expect(
        Date.parse(summary.finishedAt!) - Date.parse(summary.createdAt),
      ).toBeGreaterThanOrEqual(2_000);
    }, 120_000);

    it('leaves nothing behind when the database connection is lost part-way', async () => {
      const response = await upload(app.adminAuth, largeCsv(150_000, '13620')).expect(202);
      const [{ killed }] = await app.sql<{ killed: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND query LIKE '%customer_import_staging%'`,
      );
      expect(killed).toBe(1);
      const summary = await finished(response, app.adminAuth);
      // The connection was ended by the server, as when it restarts: transient, not a bug.
      expect(summary).toMatchObject({ status: 'failed', failureCode: 'DATABASE_UNAVAILABLE' });
      const [{ n }] = await app.sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM customers WHERE phone LIKE '+8613620%'",
      );
      expect(n).toBe(0);
    });

    it('imports nothing from a file of more than 1,000,000 rows: TOO_MANY_ROWS', async () => {
      const lines = ['姓名,电话'];
      for (let i = 0; i <= 1_000_000; i++) lines.push(`c,${13630000000 + (i % 1000)}`);
      const response = await upload(app.adminAuth, lines.join('\n'));
      // Usually the limit is met after the 2 s answer, so the import is failed rather than refused.
      const outcome =
        response.status === 422
          ? response.body.code
          : (await finished(response, app.adminAuth)).failureCode;
      expect(outcome).toBe('TOO_MANY_ROWS');
      const [{ n }] = await app.sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM customers WHERE phone LIKE '+8613630%'",
      );
      expect(n).toBe(0);
    }, 120_000);
  });

  it('fails an import whose process stopped beating, when it is read', async () => {
    const [{ id }] = await app.sql<{ id: string }>(
      `INSERT INTO customer_imports (created_by, caller_key, request_fingerprint, file_sha256, file_name, format, headers, heartbeat_at)
       VALUES ($1, $2, repeat('0', 64), repeat('0', 64), 'crashed.csv', 'csv', '[]', now() - interval '5 minutes')
       RETURNING id`,
      [u.li.id, `user:${u.li.id}`],
    );
    const response = await read(u.li.auth, id).expect(200);
    expect(response.body).toMatchObject({ status: 'failed', failureCode: 'IMPORT_INTERRUPTED' });
    const report = await downloadErrors(u.li.auth, id).expect(409);
    expect(JSON.parse((report.body as Buffer).toString())).toMatchObject({
      status: 409,
      code: 'IMPORT_NOT_COMPLETED',
      importStatus: 'failed',
    });
  });
});

describe('customer import size limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ IMPORT_MAX_FILE_BYTES: String(64 * 1024) });
  });
  afterAll(() => app.close());

  it('answers a file over IMPORT_MAX_FILE_BYTES with 413 FILE_TOO_LARGE and keeps nothing', async () => {
    const file = Buffer.from(`姓名,电话\n${'杭州某工业配件公司,13800138000\n'.repeat(5000)}`);
    const response = await app
      .api()
      .post(`${API}/customers/imports`)
      .set('authorization', app.adminAuth)
      .attach('file', file, 'big.csv')
      .expect(413);
    expect(response.body).toMatchObject({ code: 'FILE_TOO_LARGE', maxBytes: 64 * 1024 });
    const [{ n }] = await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM customer_imports');
    expect(n).toBe(0);
  });
});
