import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Response } from 'supertest';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

interface ImportSummary {
  id: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number | null;
  processedRows: number;
  created: number;
  updated: number;
  invalid: number;
  errors: { row: number; field: string; reason: string }[];
  failureCode: string | null;
}

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  cost: string;
  taxRatePct: string;
  category: string | null;
  minMarginPct: string | null;
  version: number;
  createdBy: string | null;
}

interface UploadOptions {
  fileName?: string;
  mapping?: string;
  idempotencyKey?: string;
  language?: string;
}

/** Cells joined as Excel writes CSV: quoted when they hold a comma, quote or line break; CRLF lines. */
function csvText(rows: string[][]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

async function xlsxFile(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('价格表').addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first worksheet's rows as arrays (1-based cells, as exceljs gives them). */
async function sheetRows(file: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  return (workbook.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean);
}

const ZH_HEADER = ['编码', '名称', '单位', '目录价', '成本', '税率', '类别', '最低毛利率'];
const EN_HEADER = [
  'sku',
  'name',
  'unit',
  'listPrice',
  'cost',
  'taxRatePct',
  'category',
  'minMarginPct',
];

describe('product import', () => {
  let app: TestApp;
  let u: EastRegion;
  let finance: TestUser;
  let director: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    const head = await org.orgUnit({ type: 'region', name: '总部' });
    finance = await org.user({ roles: ['finance_bp'], orgUnitId: head });
    director = await org.user({ roles: ['sales_director'], orgUnitId: head });
  });
  afterAll(() => app.close());

  let skuSeq = 0;
  const nextSku = () => `IMP-${String(++skuSeq).padStart(4, '0')}`;

  const upload = (auth: string, file: Buffer | string, options: UploadOptions = {}) => {
    const request = app.api().post(`${API}/products/imports`).set('authorization', auth);
    if (options.idempotencyKey) request.set('idempotency-key', options.idempotencyKey);
    if (options.language) request.set('accept-language', options.language);
    if (options.mapping) request.field('mapping', options.mapping);
    return request.attach('file', Buffer.from(file), options.fileName ?? 'products.csv');
  };

  const read = (auth: string, id: string) => app.get(`/products/imports/${id}`, auth);
  const downloadErrors = (auth: string, id: string) =>
    app
      .api()
      .get(`${API}/products/imports/${id}/errors.xlsx`)
      .set('authorization', auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  async function finished(response: Response, auth: string): Promise<ImportSummary> {
    let summary = response.body as ImportSummary;
    while (summary.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      summary = (await read(auth, summary.id).expect(200)).body as ImportSummary;
    }
    return summary;
  }

  /** 201 when it finishes within the response budget, else 202 and polled to its end. */
  const started = (response: Response) => {
    expect([201, 202]).toContain(response.status);
    return response;
  };

  const importFile = async (
    file: Buffer | string,
    options: UploadOptions = {},
    auth = finance.auth,
  ) => finished(started(await upload(auth, file, options)), auth);

  const product = async (sku: string): Promise<ProductRow | undefined> =>
    (
      await app.sql<ProductRow>(
        `SELECT id, sku, name, unit, list_price AS "listPrice", cost, tax_rate_pct AS "taxRatePct",
           category, min_margin_pct AS "minMarginPct", version, created_by AS "createdBy"
         FROM products WHERE sku = $1`,
        [sku],
      )
    )[0];

  it('imports a UTF-8 CSV with Chinese headers (with BOM), defaults as POST /products', async () => {
    const [a, b] = [nextSku(), nextSku()];
    const file = `\ufeff${csvText([
      ZH_HEADER,
      [a, '深沟球轴承 6205', '个', '¥1,280.50', '900', '13%', '轴承', '12.5'],
      [b, '密封圈', '套', '10', '5', '', '', ''],
    ])}`;
    const summary = await importFile(file);
    expect(summary).toMatchObject({
      status: 'completed',
      totalRows: 2,
      created: 2,
      updated: 0,
      invalid: 0,
      errors: [],
    });
    expect(await product(a)).toMatchObject({
      name: '深沟球轴承 6205',
      listPrice: '1280.50',
      cost: '900.00',
      taxRatePct: '13.00',
      category: '轴承',
      minMarginPct: '12.50',
      version: 1,
      createdBy: finance.id,
    });
    expect(await product(b)).toMatchObject({
      taxRatePct: '13.00',
      category: null,
      minMarginPct: null,
    });
    // The products API shows them with their floor price.
    const shown = await app.get(`/products?q=${a}`, u.wang.auth).expect(200);
    expect(shown.body.items[0]).toMatchObject({ sku: a, floorPrice: '1028.58' });
  });

  it('imports a GBK CSV, as Excel writes it on Chinese Windows', async () => {
    const sku = nextSku();
    const file = iconv.encode(
      csvText([
        ['编码', '名称', '单位', '目录价', '成本'],
        [sku, '角接触球轴承 7205', '个', '88', '60'],
      ]),
      'gbk',
    );
    expect(await importFile(file)).toMatchObject({ created: 1, invalid: 0 });
    expect((await product(sku))?.name).toBe('角接触球轴承 7205');
  });

  it('imports the first worksheet of an xlsx with English headers, numbers as cells', async () => {
    const sku = nextSku();
    const file = await xlsxFile([
      EN_HEADER,
      [sku, 'Hex bolt M8', 'pcs', 2.5, 1.2, 6, 'fasteners', 20],
    ]);
    const summary = await importFile(file, { fileName: 'prices.xlsx' });
    expect(summary).toMatchObject({ created: 1, invalid: 0 });
    expect(await product(sku)).toMatchObject({
      listPrice: '2.50',
      cost: '1.20',
      taxRatePct: '6.00',
      minMarginPct: '20.00',
    });
  });

  it('rejects invalid rows with row, field and reason, and lists them in errors.xlsx', async () => {
    const good = nextSku();
    const summary = await importFile(
      csvText([
        ZH_HEADER,
        ['bad sku!', '名', '个', '10', '5', '', '', ''],
        [good, '好的', '个', '10', '5', '', '', ''],
        ['', '', '', '0', '-1', '120', 'a,b', '100'],
        [nextSku(), '=cmd', '个', 'abc', '5', '', '', ''],
      ]),
    );
    expect(summary).toMatchObject({ totalRows: 4, created: 1, updated: 0, invalid: 3 });
    expect(summary.errors).toEqual([
      { row: 2, field: 'sku', reason: expect.stringMatching(/letters, digits/) },
      { row: 4, field: 'category', reason: 'may not contain a comma' },
      { row: 4, field: 'cost', reason: expect.stringMatching(/at least 0/) },
      { row: 4, field: 'listPrice', reason: expect.stringMatching(/above 0/) },
      { row: 4, field: 'minMarginPct', reason: expect.stringMatching(/0 to 99.99/) },
      { row: 4, field: 'name', reason: 'is required' },
      { row: 4, field: 'sku', reason: 'is required' },
      { row: 4, field: 'taxRatePct', reason: expect.stringMatching(/0 to 100/) },
      { row: 4, field: 'unit', reason: 'is required' },
      { row: 5, field: 'listPrice', reason: expect.stringMatching(/above 0/) },
    ]);
    expect(await product(good)).toBeDefined();
    const report = await downloadErrors(finance.auth, summary.id).expect(200);
    expect(report.headers['content-type']).toMatch(/spreadsheetml/);
    const rows = await sheetRows(report.body as Buffer);
    expect(rows.map((row) => row.slice(1))).toEqual([
      [...ZH_HEADER, '行号 Row', '错误原因 Reason'],
      [
        'bad sku!',
        '名',
        '个',
        '10',
        '5',
        undefined,
        undefined,
        undefined,
        2,
        expect.stringMatching(/^sku: /),
      ],
      [undefined, undefined, undefined, '0', "'-1", '120', 'a,b', '100', 4, expect.any(String)],
      [
        expect.any(String),
        "'=cmd",
        '个',
        'abc',
        '5',
        undefined,
        undefined,
        undefined,
        5,
        expect.stringMatching(/^listPrice: /),
      ],
    ]);
  });

  it('gives reasons in the language of the upload', async () => {
    const summary = await importFile(
      csvText([
        ['编码', '名称', '单位', '目录价', '成本'],
        [nextSku(), '', '个', '10', '5'],
      ]),
      { language: 'zh-CN' },
    );
    expect(summary.errors).toEqual([{ row: 2, field: 'name', reason: '为必填项' }]);
  });

  it('rejects a row whose list price is below its floor price, at its own margin or the setting', async () => {
    const [own, setting, ok] = [nextSku(), nextSku(), nextSku()];
    const summary = await importFile(
      csvText([
        ZH_HEADER,
        // 30 / (1 − 0.2) = 37.50 > 36
        [own, '低于自有底价', '个', '36', '30', '', '', '20'],
        // 30 / 0.875 = 34.2857… > 34.28
        [setting, '低于设置底价', '个', '34.28', '30', '', '', ''],
        [ok, '恰好底价', '个', '34.29', '30', '', '', ''],
      ]),
    );
    expect(summary).toMatchObject({ created: 1, invalid: 2 });
    expect(summary.errors).toEqual([
      {
        row: 2,
        field: 'listPrice',
        reason:
          'LIST_PRICE_BELOW_FLOOR: must be at least the floor price 37.50 (a 20 % margin over cost)',
      },
      {
        row: 3,
        field: 'listPrice',
        reason:
          'LIST_PRICE_BELOW_FLOOR: must be at least the floor price 34.29 (a 12.5 % margin over cost)',
      },
    ]);
    expect(await product(own)).toBeUndefined();
    expect(await product(ok)).toBeDefined();
  });

  it('updates a product with an existing SKU (version + 1), and changes nothing on a re-import', async () => {
    const sku = nextSku();
    const created = await app
      .post('/products', finance.auth, {
        sku,
        name: '旧名称',
        unit: '个',
        listPrice: '100.00',
        cost: '50.00',
        category: '旧类别',
        minMarginPct: 30,
      })
      .expect(201);
    const file = csvText([ZH_HEADER, [sku, '新名称', '套', '120', '60', '9', '', '']]);
    const summary = await importFile(file);
    expect(summary).toMatchObject({ totalRows: 1, created: 0, updated: 1, invalid: 0 });
    expect(await product(sku)).toMatchObject({
      id: created.body.id,
      name: '新名称',
      unit: '套',
      listPrice: '120.00',
      cost: '60.00',
      taxRatePct: '9.00',
      category: null,
      minMarginPct: null,
      version: 2,
    });
    const again = await importFile(file);
    expect(again).toMatchObject({ created: 0, updated: 1, invalid: 0 });
    expect((await product(sku))?.version).toBe(2);
    const events = await app.sql<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit_events WHERE entity = 'product_import' AND entity_id = $1`,
      [summary.id],
    );
    expect(events).toEqual([
      { data: expect.objectContaining({ totalRows: 1, created: 0, updated: 1, invalid: 0 }) },
    ]);
  });

  it('lets the later row of a SKU repeated in the file win', async () => {
    const sku = nextSku();
    const summary = await importFile(
      csvText([
        ['sku', 'name', 'unit', 'listPrice', 'cost'],
        [sku, '第一行', '个', '10', '5'],
        [sku, '第二行', '个', '20', '5'],
        [sku, '无效的第三行', '个', 'x', '5'],
      ]),
    );
    expect(summary).toMatchObject({ totalRows: 3, created: 1, updated: 1, invalid: 1 });
    expect(await product(sku)).toMatchObject({ name: '第二行', listPrice: '20.00', version: 1 });
  });

  it('answers a file without a required column with 400 MISSING_COLUMN, and takes a mapping', async () => {
    const missing = await upload(
      finance.auth,
      csvText([
        ['编码', '名称', '单位', '目录价'],
        [nextSku(), 'x', '个', '1'],
      ]),
    ).expect(400);
    expect(missing.body).toMatchObject({
      code: 'MISSING_COLUMN',
      errors: [{ field: 'file', message: expect.stringMatching(/cost/) }],
    });
    const sku = nextSku();
    const mapped = await importFile(
      csvText([
        ['物料号', '名称', '单位', '目录价', '进价'],
        [sku, 'x', '个', '2', '1'],
      ]),
      { mapping: '{"物料号":"sku","进价":"cost"}' },
    );
    expect(mapped).toMatchObject({ created: 1 });
  });

  it('replays an import by Idempotency-Key, and refuses the key with another file', async () => {
    const rows = [ZH_HEADER, [nextSku(), '幂等', '个', '10', '5', '', '', '']];
    const first = await finished(
      started(await upload(finance.auth, csvText(rows), { idempotencyKey: 'prices-2027' })),
      finance.auth,
    );
    const again = await upload(finance.auth, csvText(rows), {
      idempotencyKey: 'prices-2027',
    }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
    const [{ n }] = await app.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM product_imports WHERE file_sha256 = (SELECT file_sha256 FROM product_imports WHERE id = $1)',
      [first.id],
    );
    expect(n).toBe(1);
    const other = await upload(finance.auth, csvText([...rows, [nextSku(), 'y', '个', '1', '0']]), {
      idempotencyKey: 'prices-2027',
    }).expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('is for the keepers of the library: other roles get 403; an import is read by its keepers', async () => {
    const file = csvText([ZH_HEADER, [nextSku(), 'x', '个', '10', '5', '', '', '']]);
    for (const outsider of [u.wang, u.li, u.zhou]) {
      expect((await upload(outsider.auth, file).expect(403)).body.code).toBe('FORBIDDEN');
    }
    const summary = await importFile(file, {}, director.auth);
    await read(director.auth, summary.id).expect(200);
    await read(app.adminAuth, summary.id).expect(200);
    await read(finance.auth, summary.id).expect(200);
    await read(u.wang.auth, summary.id).expect(403);
    await downloadErrors(u.wang.auth, summary.id).expect(403);
    await read(finance.auth, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('requires authentication', async () => {
    await app
      .api()
      .post(`${API}/products/imports`)
      .attach('file', Buffer.from(csvText([ZH_HEADER])), 'p.csv')
      .expect(401);
  });
});
