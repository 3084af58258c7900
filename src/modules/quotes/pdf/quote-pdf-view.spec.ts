import { pdfMinute, QuoteForPdf, quotePdfFileName, quotePdfView } from './quote-pdf-view';

const QUOTE: QuoteForPdf = {
  number: 'Q-2026-000123',
  version: 2,
  validUntil: '2026-12-31',
  note: '含运费，款到发货',
  lines: [
    {
      sku: 'BRG-6205',
      name: '深沟球轴承 6205-2RS',
      unit: '个',
      qty: 120.5,
      unitPrice: '39.80',
      amount: '4795.90',
      taxRatePct: 13,
    },
  ],
  totals: { amount: '4795.90', taxAmount: '623.47', amountWithTax: '5419.37' },
};
const CUSTOMER = { name: '陈经理', company: '杭州精工配件有限公司' };
const SETTINGS = { companyName: '上海华东机电有限公司', timezone: 'Asia/Shanghai' };
/** 10:30:42.5 in Shanghai. */
const NOW = new Date('2026-12-06T02:30:42.500Z');

describe('pdfMinute', () => {
  it.each([
    ['2026-12-06T02:30:42.500Z', '2026-12-06T02:30:00.000Z'],
    ['2026-12-06T02:30:00.000Z', '2026-12-06T02:30:00.000Z'],
    ['2026-12-06T02:30:59.999Z', '2026-12-06T02:30:00.000Z'],
    ['1969-12-31T23:59:30.000Z', '1969-12-31T23:59:00.000Z'],
  ])('cuts %s to %s', (now, minute) => {
    expect(pdfMinute(new Date(now)).toISOString()).toBe(minute);
  });
});

describe('quotePdfView', () => {
  it('takes the seller from the settings, the customer and the quote’s figures as they are', () => {
    const view = quotePdfView(QUOTE, CUSTOMER, SETTINGS, NOW);
    expect(view).toEqual({
      sellerName: '上海华东机电有限公司',
      customer: CUSTOMER,
      number: 'Q-2026-000123',
      version: 2,
      validUntil: '2026-12-31',
      note: '含运费，款到发货',
      lines: [
        {
          sku: 'BRG-6205',
          productName: '深沟球轴承 6205-2RS',
          unit: '个',
          qty: '120.5',
          unitPrice: '39.80',
          amount: '4795.90',
          taxRatePct: 13,
        },
      ],
      totals: { amount: '4795.90', taxAmount: '623.47', amountWithTax: '5419.37' },
      generatedAt: new Date('2026-12-06T02:30:00.000Z'),
      timeZone: 'Asia/Shanghai',
      watermark: '杭州精工配件有限公司 · Q-2026-000123 v2 · 2026-12-06 10:30',
    });
  });

  it('marks a consumer with their name, in the organisation’s time zone', () => {
    const view = quotePdfView(
      QUOTE,
      { name: '李女士', company: null },
      { ...SETTINGS, timezone: 'Asia/Urumqi' },
      NOW,
    );
    expect(view.watermark).toBe('李女士 · Q-2026-000123 v2 · 2026-12-06 08:30');
  });

  it('gives the same view within a minute and another in the next', () => {
    const at = (iso: string) => quotePdfView(QUOTE, CUSTOMER, SETTINGS, new Date(iso));
    expect(at('2026-12-06T02:30:01.000Z')).toEqual(at('2026-12-06T02:30:59.000Z'));
    expect(at('2026-12-06T02:31:00.000Z').watermark).not.toBe(
      at('2026-12-06T02:30:59.000Z').watermark,
    );
  });

  it('prints quantities as plain decimals, never in exponent form', () => {
    const view = quotePdfView(
      {
        ...QUOTE,
        lines: [
          { ...QUOTE.lines[0], qty: 0.0001 },
          { ...QUOTE.lines[0], qty: 1e7 },
        ],
      },
      CUSTOMER,
      SETTINGS,
      NOW,
    );
    expect(view.lines.map((line) => line.qty)).toEqual(['0.0001', '10000000']);
  });
});

describe('quotePdfFileName', () => {
  it('names the file after the number and version', () => {
    expect(quotePdfFileName(QUOTE)).toBe('Q-2026-000123-v2.pdf');
  });
});
