import Decimal from 'decimal.js';
import { pdfPages } from '../../../../test/support/pdf-text';
import { QuotePdfLine, QuotePdfView, quoteWatermark, renderQuotePdf } from './quote-pdf';

const GENERATED_AT = new Date('2026-12-06T02:30:00Z'); // 10:30 in Shanghai

const PRODUCTS = [
  { sku: 'BRG-6204-2RS', productName: '深沟球轴承 6204-2RS', unit: '个', unitPrice: '12.80' },
  {
    sku: 'GBX-NMRV-050-30-B14-VERY-LONG',
    productName:
      '蜗轮蜗杆减速机 NMRV050 速比 1:30 法兰输出 配铝合金箱体与双出轴（含安装附件及说明书）',
    unit: '台',
    unitPrice: '12800.50',
  },
  { sku: 'CPL-GR-28', productName: '梅花联轴器 GR28', unit: '套', unitPrice: '86.4' },
];

function line(index: number): QuotePdfLine {
  const product = PRODUCTS[index % PRODUCTS.length];
  const qty = index % 4 === 0 ? '2.5' : String(1 + (index % 7));
  return {
    ...product,
    qty,
    amount: new Decimal(qty).times(product.unitPrice).toFixed(2),
    taxRatePct: 13,
  };
}

function quoteView(lineCount: number, overrides: Partial<QuotePdfView> = {}): QuotePdfView {
  const lines = Array.from({ length: lineCount }, (_, i) => line(i));
  const amount = lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0));
  const taxAmount = amount.times('0.13').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const base = {
    sellerName: '上海晨曦工业科技有限公司',
    customer: { name: '王建国', company: '杭州精工配件有限公司' },
    number: 'Q-2026-000123',
    version: 3,
    validUntil: '2026-12-31',
    lines,
    totals: {
      amount: amount.toFixed(2),
      taxAmount: taxAmount.toFixed(2),
      amountWithTax: amount.plus(taxAmount).toFixed(2),
    },
    note: '含运费，款到发货。交货期：下单后 15 个工作日。',
    generatedAt: GENERATED_AT,
    timeZone: 'Asia/Shanghai',
  };
  return { ...base, watermark: quoteWatermark(base), ...overrides };
}

/** Text as a reader searches it: without the spaces and breaks the layout puts in. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderQuotePdf', () => {
  it('builds the watermark from the customer, the quote version and the minute in Shanghai', () => {
    expect(quoteWatermark(quoteView(1))).toBe(
      '杭州精工配件有限公司 · Q-2026-000123 v3 · 2026-12-06 10:30',
    );
    const person = quoteView(1, { customer: { name: '李小姐', company: null } });
    expect(quoteWatermark(person)).toBe('李小姐 · Q-2026-000123 v3 · 2026-12-06 10:30');
  });

  it('writes extractable Chinese text: parties, lines, totals, validity and the watermark', async () => {
    const view = quoteView(3);
    const [page, ...rest] = await pdfPages(await renderQuotePdf(view));
    const text = squeeze(page);

    expect(rest).toEqual([]);
    for (const expected of [
      '报价单号：Q-2026-000123',
      '版本：v3',
      '有效期至：2026-12-31',
      '卖方：上海晨曦工业科技有限公司',
      '客户：杭州精工配件有限公司',
      '联系人：王建国',
      '深沟球轴承6204-2RS',
      '梅花联轴器GR28',
      '¥12,800.50',
      '个2.5¥12.8013%¥32.00', // unit, quantity, unit price, tax rate, amount
      '¥25,601.00', // 2 × 12,800.50
      '不含税合计¥25,892.20',
      '税额¥3,365.99',
      '含税合计¥29,258.19',
      '备注：含运费，款到发货。',
      '第1/1页',
      squeeze(view.watermark),
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('wraps a long product name inside its column', async () => {
    const [page] = await pdfPages(await renderQuotePdf(quoteView(2)));
    const long = PRODUCTS[1].productName;
    expect(squeeze(page)).toContain(squeeze(long));
    // Wrapped: the name's end sits on a later text line than its start.
    const lines = page.split('\n');
    const first = lines.findIndex((l) => l.includes('蜗轮蜗杆减速机'));
    const last = lines.findIndex((l) => l.includes('说明书'));
    expect(last).toBeGreaterThan(first);
  });

  it('paginates 60 lines, repeating the table header, numbering and watermarking each page', async () => {
    const view = quoteView(60);
    const pages = await pdfPages(await renderQuotePdf(view));

    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const text = squeeze(page);
      expect(text).toContain('产品名称');
      expect(text).toContain('金额（不含税）');
      expect(text).toContain(`第${i + 1}/${pages.length}页`);
      expect(text).toContain(squeeze(view.watermark));
    });
    const all = squeeze(pages.join(''));
    expect(all).toContain('60CPL-GR-28'); // the last line, numbered 60
    expect(squeeze(pages[pages.length - 1])).toContain('含税合计');
  });

  it('flows a long note on to further pages, each with its footer', async () => {
    const note = `${'交货、验收与付款条款以双方签订的合同为准。'.repeat(150)}（完）`;
    const pages = await pdfPages(await renderQuotePdf(quoteView(20, { note })));

    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => expect(squeeze(page)).toContain(`第${i + 1}/${pages.length}页`));
    expect(squeeze(pages[pages.length - 1])).toContain('（完）');
  });

  it('prints quantities to 4 decimals and money to 2, grouped by thousands', async () => {
    const view = quoteView(1, {
      lines: [{ ...line(1), qty: '1234.56789', unitPrice: '1000000.005', amount: '1234567890.1' }],
    });
    const text = squeeze((await pdfPages(await renderQuotePdf(view)))[0]);
    expect(text).toContain('1,234.5679');
    expect(text).toContain('¥1,000,000.01');
    expect(text).toContain('¥1,234,567,890.10');
  });

  it('gives the same bytes for the same view, even rendered concurrently, with a subset font', async () => {
    const view = quoteView(60);
    const first = await renderQuotePdf(view);
    const concurrent = await Promise.all([renderQuotePdf(view), renderQuotePdf(quoteView(2))]);

    expect(concurrent[0].equals(first)).toBe(true);
    expect(first.length).toBeLessThan(1024 * 1024);
    expect(first.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(first.toString('latin1')).toContain('/ToUnicode');
  });
});
